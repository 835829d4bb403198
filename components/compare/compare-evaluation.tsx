import { Card, CardHeader } from "@/components/ui/card";
import { ModelMarker } from "@/components/ui/model-marker";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { RunLabelEvaluation } from "@/lib/ui/evaluate-run-labels";
import { formatNumber } from "@/lib/ui/format";
import { LABEL_KEYS, MODEL_STYLE } from "@/lib/ui/model-style";

const METRICS = [
  { key: "precision", label: "Precision" },
  { key: "recall", label: "Recall" },
  { key: "f1", label: "F1" },
] as const;

const show = (v: number | undefined) => (v === undefined ? "—" : v.toFixed(3));

/**
 * Both runs' precision, recall and F1 against their labels, each under its own thresholds (as the
 * Run page's evaluation shows them). A run without labels shows dashes; with neither, nothing.
 */
export function CompareEvaluation({ a, b }: { a: RunLabelEvaluation | null; b: RunLabelEvaluation | null }) {
  if (!a && !b) return null;
  const described = (side: string, e: RunLabelEvaluation | null) => (e ? `${side}: ${formatNumber(e.labelled)} labelled windows` : `${side} has no labels`);
  return (
    <Card label="Evaluation against labels">
      <CardHeader title="Evaluation against labels" description={`${described("A", a)} · ${described("B", b)}`} />
      <ScrollRegion label="Precision, recall and F1 of both runs" className="overflow-x-auto">
        <table className="tabular w-full text-[13px]">
          <thead>
            <tr className="text-xs text-slate-500">
              <th scope="col" rowSpan={2} className="py-2 pl-4 text-left align-bottom font-medium">Model</th>
              {METRICS.map((m) => (
                <th key={m.key} scope="colgroup" colSpan={2} className="px-3 pt-2 text-center font-medium">{m.label}</th>
              ))}
            </tr>
            <tr className="border-b border-slate-200 text-xs text-slate-500">
              {METRICS.flatMap((m) =>
                (["A", "B"] as const).map((side) => (
                  <th key={`${m.key}-${side}`} scope="col" className={`pb-2 text-right font-medium ${side === "A" ? "px-2" : "pr-3"}`}>
                    <span className="sr-only">{m.label} of </span>
                    {side}
                  </th>
                )),
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {LABEL_KEYS.map((k) => (
              <tr key={k} className={k === "ensemble" ? "font-semibold" : ""}>
                <th scope="row" className="py-1.5 pl-4 text-left font-normal text-slate-700">
                  <span className="inline-flex items-center gap-1.5"><ModelMarker model={k} size={9} />{MODEL_STYLE[k].name}</span>
                </th>
                {METRICS.map((m) => (
                  <MetricCells key={m.key} a={a?.models[k][m.key]} b={b?.models[k][m.key]} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </Card>
  );
}

function MetricCells({ a, b }: { a: number | undefined; b: number | undefined }) {
  return (
    <>
      <td className="px-2 text-right text-slate-700">{show(a)}</td>
      <td className="pr-3 text-right text-slate-900">{show(b)}</td>
    </>
  );
}
