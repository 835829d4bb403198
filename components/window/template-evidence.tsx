import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import type { TemplateEvidence as Template } from "@/lib/pipeline/explain-window";
import { formatCount, formatNumber } from "@/lib/ui/format";

interface Props {
  templates: readonly Template[];
  /** Whether the run was trained with extended features (only those store templates). */
  extended: boolean;
  /** New run prefilled with this run, for the hint. */
  rerunHref: string;
}

/** The log templates whose count here is furthest above a typical window, with one line of each. */
export function TemplateEvidence({ templates, extended, rerunHref }: Props) {
  if (!extended) {
    return (
      <p data-testid="templates-hint" className="rounded-md border border-dashed border-slate-300 bg-white px-4 py-3 text-sm text-slate-600">
        Log templates are mined only with <span className="font-medium text-slate-800">extended</span> features: they add which messages are unusually frequent here.{" "}
        <Link href={rerunHref} className="font-medium text-blue-700 hover:underline">Re-run with extended features</Link>
      </p>
    );
  }
  return (
    <Card label="Unusual templates">
      <CardHeader
        title="Unusual templates"
        description="Log templates (variables masked as <*>) whose line count here deviates most from a typical window"
      />
      {templates.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-500">No template has more lines here than in a typical window.</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="w-full table-fixed text-[13px]">
            <caption className="sr-only">Templates by how unusual their count is: the template, one example line, lines here, lines in a typical window, and the deviation in standard deviations.</caption>
            <colgroup>
              <col />
              <col className="w-20" />
              <col className="w-24" />
              <col className="w-28" />
            </colgroup>
            <thead>
              <tr className="border-b border-slate-200 text-xs text-slate-500">
                <th scope="col" className="px-4 py-1.5 text-left font-medium">Template · example line</th>
                <th scope="col" className="px-2 text-right font-medium">Here</th>
                <th scope="col" className="px-2 text-right font-medium">Typical</th>
                <th scope="col" className="px-4 text-right font-medium" title="(count − mean) / max(std, 1) over the run's windows">Deviation</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {templates.map((t) => (
                <tr key={t.id} className="align-top">
                  <th scope="row" className="min-w-0 px-4 py-2 text-left font-normal">
                    <code className="block break-all font-mono text-[12.5px] text-slate-900">{t.template}</code>
                    {t.example && (
                      <span className="mt-1 block truncate font-mono text-[11.5px] text-slate-500" title={t.example}>
                        <span className="font-sans text-slate-500">e.g. </span>
                        {t.example}
                      </span>
                    )}
                  </th>
                  <td className="tabular px-2 py-2 text-right font-semibold text-slate-900">{formatCount(t.count)}</td>
                  <td className="tabular px-2 py-2 text-right text-slate-500">{formatNumber(t.typical, 3)}</td>
                  <td className="tabular px-4 py-2 text-right font-medium text-red-600">+{formatNumber(t.deviation, 3)} σ</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
