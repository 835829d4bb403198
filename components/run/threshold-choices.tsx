import type { ThresholdChoice, ThresholdChoices } from "@/lib/domain/types";
import { Card, CardHeader } from "@/components/ui/card";
import { ModelMarker } from "@/components/ui/model-marker";
import { formatNumber, formatPercent } from "@/lib/ui/format";
import type { ModelKey } from "@/lib/ui/model-style";

interface ThresholdChoicesProps {
  /** RunView.choices: how training set each threshold; null (older or unfinished runs) renders nothing. */
  choices: ThresholdChoices | null;
  className?: string;
}

type Mode = ThresholdChoice["mode"];

const MODES: Record<Mode, { label: string; className: string; title: string }> = {
  given: { label: "as given", className: "bg-slate-100 text-slate-700 ring-slate-200", title: "Set by hand when the run was started" },
  auto: { label: "auto", className: "bg-blue-50 text-blue-700 ring-blue-200", title: "Estimated from the run's own scores" },
  labels: { label: "chosen with labels", className: "bg-emerald-50 text-emerald-700 ring-emerald-200", title: "Picked to maximise F1 against the ground-truth labels" },
};

const ROWS: { key: keyof ThresholdChoices; model: ModelKey; name: string; format: (v: number) => string }[] = [
  { key: "contamination", model: "isolationForest", name: "Isolation Forest contamination", format: (v) => `${formatNumber(v, 3)} (${formatPercent(v)})` },
  { key: "eps", model: "dbscan", name: "DBSCAN eps", format: (v) => formatNumber(v, 4) },
  { key: "aePercentile", model: "autoencoder", name: "Autoencoder percentile", format: (v) => `p${formatNumber(v, 4)}` },
];

/** One badge per mode; the text says it, the colour only repeats it. */
export function ThresholdModeBadge({ mode }: { mode: Mode }) {
  const style = MODES[mode];
  return (
    <span title={style.title} className={`inline-flex shrink-0 items-center rounded-full px-1.5 py-px text-[10.5px] font-medium ring-1 ring-inset ${style.className}`}>
      {style.label}
    </span>
  );
}

/**
 * "How the thresholds were chosen": the value training used for contamination, eps and the
 * autoencoder percentile, whether it was given, estimated (auto) or fitted to labels, and the
 * reason sentence the pipeline recorded. Narrow enough for the 312 px threshold sidebar.
 */
export function ThresholdChoices({ choices, className = "" }: ThresholdChoicesProps) {
  if (!choices) return null;
  return (
    <Card label="How the thresholds were chosen" className={className}>
      <CardHeader title="How the thresholds were chosen" description="At training; the sliders start from these values" />
      <dl className="divide-y divide-slate-100">
        {ROWS.map(({ key, model, name, format }) => {
          const choice = choices[key];
          return (
            <div key={key} className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-2 px-4 py-2.5 text-xs">
              <dt className="flex min-w-0 items-center gap-1.5 font-medium text-slate-700">
                <ModelMarker model={model} size={9} />
                <span className="truncate">{name}</span>
              </dt>
              <dd className="tabular font-semibold text-slate-900">{format(choice.value)}</dd>
              <dd className="col-span-2 mt-1 text-[11px] leading-snug text-slate-500">
                <ThresholdModeBadge mode={choice.mode} /> {choice.reason}
              </dd>
            </div>
          );
        })}
      </dl>
    </Card>
  );
}
