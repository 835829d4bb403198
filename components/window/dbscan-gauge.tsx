import type { WindowExplanation } from "@/lib/pipeline/explain-window";
import { formatNumber } from "@/lib/ui/format";
import { MODEL_STYLE } from "@/lib/ui/model-style";

/** Beyond this many eps the bar is clipped, so the eps mark never shrinks to a hairline. */
const MAX_EPS_MULTIPLE = 5;

/**
 * DBSCAN's reason in one picture: the window's distance to the nearest core window on a track
 * with eps marked. Inside eps it belongs to a dense region; beyond it, it is noise.
 */
export function DbscanGauge({ dbscan }: { dbscan: WindowExplanation["dbscan"] }) {
  const { distance, eps, noise, cluster } = dbscan;
  if (distance === null) {
    return (
      <div>
        <div className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-500">No core points: every window is noise at these settings.</div>
        <p className="mt-2 text-xs leading-snug text-slate-600">{dbscan.summary}</p>
      </div>
    );
  }
  const max = Math.min(Math.max(eps * 2, distance * 1.15), eps * MAX_EPS_MULTIPLE);
  const clipped = distance > max;
  const at = (v: number) => `${(Math.min(v, max) / max) * 100}%`;
  const ratio = eps > 0 ? distance / eps : Infinity;
  const label = `Distance to the nearest core window ${formatNumber(distance, 3)}, eps ${formatNumber(eps, 3)}: ${formatNumber(ratio, 3)} times eps, ${noise ? "noise" : "inside a dense region"}.`;
  return (
    <div>
      <div className="flex items-baseline justify-between text-xs">
        <span className="text-slate-500">distance to nearest core</span>
        <span className="tabular font-semibold text-slate-900">
          {formatNumber(distance, 3)} <span className="font-normal text-slate-500">= {formatNumber(ratio, 3)}× eps</span>
        </span>
      </div>
      <div role="img" aria-label={label} className="relative mt-5 h-3 rounded-full bg-slate-100">
        <div className="absolute inset-y-0 left-0 rounded-l-full bg-emerald-50" style={{ width: at(eps) }} />
        <div
          className={`absolute inset-y-0.5 left-0.5 ${clipped ? "rounded-l-full" : "rounded-full"}`}
          style={{ width: `calc(${at(distance)} - 4px)`, backgroundColor: noise ? MODEL_STYLE.dbscan.color : "#10b981" }}
        />
        {clipped && <div aria-hidden="true" className="absolute -right-0.5 inset-y-0 w-2 bg-[repeating-linear-gradient(135deg,#fff_0_2px,transparent_2px_4px)]" />}
        <div aria-hidden="true" className="absolute -top-4 bottom-[-3px] w-0.5 bg-slate-800" style={{ left: at(eps) }}>
          <span className="absolute -top-0.5 left-1 whitespace-nowrap text-[10.5px] font-medium leading-none text-slate-700">eps {formatNumber(eps, 3)}</span>
        </div>
      </div>
      <div aria-hidden="true" className="tabular mt-1 flex justify-between text-[10.5px] text-slate-500">
        <span>0</span>
        <span>{clipped ? `${MAX_EPS_MULTIPLE}× eps →` : formatNumber(max, 2)}</span>
      </div>
      <p className="mt-2 text-xs leading-snug text-slate-700">
        {dbscan.summary}
        {cluster !== null && cluster >= 0 && <span className="text-slate-500"> Cluster {cluster}.</span>}
      </p>
    </div>
  );
}
