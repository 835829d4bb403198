import { formatNumber, formatPercent } from "@/lib/ui/format";

/** |z| at which a feature counts as unusual, as on the z-score chart (Iglewicz & Hoaglin's 3.5). */
export const Z_UNUSUAL = 3.5;
const Z_EXTENT = 10;

export function zTone(z: number): string {
  const a = Math.abs(z);
  return a >= Z_UNUSUAL ? "text-red-600" : a >= 2 ? "text-amber-600" : "text-slate-500";
}

const zFill = (z: number) => (Math.abs(z) >= Z_UNUSUAL ? "bg-red-500" : Math.abs(z) >= 2 ? "bg-amber-400" : "bg-slate-300");

/**
 * A diverging bar from the centre for a robust z-score, clipped at ±10 (the number beside it is
 * not), with the |z| < 3.5 band shaded so "unusual" reads without a legend. The number carries the
 * meaning; the bar is decoration for the eye.
 */
export function ZBar({ z }: { z: number }) {
  const clipped = Math.max(-Z_EXTENT, Math.min(Z_EXTENT, z));
  const half = (Math.abs(clipped) / Z_EXTENT) * 50;
  const band = (Z_UNUSUAL / Z_EXTENT) * 50;
  return (
    <span className="flex items-center justify-end gap-2">
      <span aria-hidden="true" className="relative hidden h-2.5 w-24 shrink-0 rounded-sm bg-slate-50 sm:block">
        <span className="absolute inset-y-0 bg-slate-100" style={{ left: `${50 - band}%`, width: `${band * 2}%` }} />
        <span className="absolute inset-y-0 left-1/2 w-px bg-slate-400" />
        <span
          className={`absolute inset-y-0.5 rounded-[1px] ${zFill(z)}`}
          style={clipped >= 0 ? { left: "50%", width: `${half}%` } : { right: "50%", width: `${half}%` }}
        />
      </span>
      <span className={`tabular w-12 text-right font-medium ${zTone(z)}`}>{formatNumber(z, 3)}</span>
    </span>
  );
}

/** A 0..1 share as a bar in the model's colour and a percentage; null = the run did not store it. */
export function ShareBar({ share, color, missing }: { share: number | null; color: string; missing: string }) {
  if (share === null) {
    return (
      <span className="block text-right text-slate-500" title={missing}>
        —<span className="sr-only"> ({missing})</span>
      </span>
    );
  }
  const pct = Math.max(0, Math.min(1, share)) * 100;
  return (
    <span className="flex items-center justify-end gap-2">
      <span aria-hidden="true" className="relative hidden h-2.5 w-16 shrink-0 overflow-hidden rounded-sm bg-slate-100 sm:block">
        <span className="absolute inset-y-0 left-0 rounded-[1px]" style={{ width: `${pct}%`, backgroundColor: color }} />
      </span>
      <span className={`tabular w-10 text-right ${share >= 0.25 ? "font-medium text-slate-900" : "text-slate-500"}`}>{formatPercent(share, 0)}</span>
    </span>
  );
}
