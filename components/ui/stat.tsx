import type { ReactNode } from "react";

/** A key figure: small label, big number, optional note. */
export function Stat({ label, value, note, accent }: { label: ReactNode; value: ReactNode; note?: ReactNode; accent?: string }) {
  return (
    <div className="min-w-0">
      <div className="flex items-center gap-1.5 text-xs font-medium text-slate-500">{label}</div>
      <div className="tabular mt-1 text-xl font-semibold tracking-tight text-slate-900" style={accent ? { color: accent } : undefined}>
        {value}
      </div>
      {note && <div className="mt-0.5 truncate text-xs text-slate-500">{note}</div>}
    </div>
  );
}
