import type { FlagComparison, FlaggedWindow } from "@/lib/ui/compare-runs";
import { formatUtcShort } from "@/lib/ui/format";

const COLUMNS = 480;
const COLORS = { own: "#dc2626", shared: "#94a3b8" };

function columns(shared: FlaggedWindow[], own: FlaggedWindow[], min: number, span: number) {
  const state = new Uint8Array(COLUMNS); // 1 shared, 2 own (own wins: it is what differs)
  const mark = (list: FlaggedWindow[], value: number) => {
    for (const w of list) {
      const c = Math.min(Math.max(Math.floor(((w.start - min) / span) * COLUMNS), 0), COLUMNS - 1);
      if ((state[c] as number) < value) state[c] = value;
    }
  };
  mark(shared, 1);
  mark(own, 2);
  return state;
}

/** Where each run's ensemble anomalies lie in time: red where only that run flags, grey where both do. */
export function FlagStrip({ flags, min, max }: { flags: FlagComparison; min: number; max: number }) {
  const span = Math.max(max - min, 1);
  const rows = [
    { label: "A", state: columns(flags.bothA, flags.onlyA, min, span) },
    { label: "B", state: columns(flags.bothB, flags.onlyB, min, span) },
  ];
  return (
    <figure>
      <svg viewBox={`0 0 ${COLUMNS + 24} 52`} className="h-[72px] w-full" preserveAspectRatio="none" role="img" aria-label="Ensemble anomalies of run A and run B over time">
        {rows.map((row, r) => (
          <g key={row.label} transform={`translate(0 ${r * 26})`}>
            <text x="4" y="15" fontSize="10" fill="#64748b" fontWeight="600">{row.label}</text>
            <rect x="24" y="4" width={COLUMNS} height="16" fill="#f8fafc" />
            {Array.from(row.state, (s, c) =>
              s === 0 ? null : <rect key={c} x={24 + c} y="4" width="1.2" height="16" fill={s === 2 ? COLORS.own : COLORS.shared} />,
            )}
          </g>
        ))}
      </svg>
      <figcaption className="mt-1 flex justify-between pl-6 text-[11px] text-slate-500">
        <span>{formatUtcShort(min)}</span>
        <span className="flex gap-4">
          <span className="inline-flex items-center gap-1"><span className="h-2.5 w-1.5 bg-red-600" />flagged by this run only</span>
          <span className="inline-flex items-center gap-1"><span className="h-2.5 w-1.5 bg-slate-400" />flagged by both</span>
        </span>
        <span>{formatUtcShort(max)}</span>
      </figcaption>
    </figure>
  );
}
