import type { PreviewRow } from "@/lib/server/uploads/preview-upload";
import { formatCount } from "@/lib/ui/format";
import { ScrollRegion } from "@/components/ui/scroll-region";

const HEADERS = ["Time", "Host", "Process", "Level", "Message"] as const;

/** "2024-11-12T05:13:36Z" -> "2024-11-12 05:13:36" (UTC, as every time on the dashboard). */
const shownTime = (iso: string) => (iso === "" ? "—" : iso.replace("T", " ").replace(/Z$/, ""));

/**
 * The head's first lines as records, one column per record field, in file order with their line
 * numbers; a line the format cannot read is marked "unparsed" and shown as written.
 */
export function PreviewTable({ rows, name }: { rows: readonly PreviewRow[]; name: string }) {
  return (
    <ScrollRegion label="Preview of the first lines" className="max-h-[420px] overflow-auto rounded-md border border-slate-200">
      <table className="w-full min-w-[760px] border-collapse text-xs">
        <caption className="sr-only">The first lines of {name} read as records; unparsed lines are marked.</caption>
        <thead className="sticky top-0 z-10 bg-slate-50 text-left text-[11px] font-medium text-slate-600 shadow-[0_1px_0_rgb(226,232,240)]">
          <tr>
            <th scope="col" className="w-12 py-1.5 pl-3 pr-2 text-right font-medium">
              Line
            </th>
            {HEADERS.map((h) => (
              <th key={h} scope="col" className="px-2 py-1.5 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 font-mono text-[11.5px] text-slate-800">
          {rows.map((row) =>
            row.kind === "record" ? (
              <tr key={row.line} className="align-top">
                <td className="tabular py-1 pl-3 pr-2 text-right text-slate-500">{row.line}</td>
                <td className="whitespace-nowrap px-2 py-1">{shownTime(row.time)}</td>
                <td className="max-w-[140px] truncate px-2 py-1" title={row.host}>{row.host || "—"}</td>
                <td className="max-w-[160px] truncate px-2 py-1" title={row.process}>{row.process || "—"}</td>
                <td className="whitespace-nowrap px-2 py-1">{row.level || "—"}</td>
                <td className="px-2 py-1 break-all">
                  {row.message}
                  {row.joinedLines > 0 && (
                    <span className="ml-1.5 whitespace-nowrap rounded bg-slate-100 px-1 font-sans text-[10.5px] text-slate-600">
                      +{formatCount(row.joinedLines)} line{row.joinedLines === 1 ? "" : "s"}
                    </span>
                  )}
                </td>
              </tr>
            ) : (
              <tr key={row.line} className="bg-amber-50 align-top">
                <td className="tabular py-1 pl-3 pr-2 text-right text-amber-900">{row.line}</td>
                <td colSpan={5} className="px-2 py-1 break-all text-amber-950">
                  <span className="mr-2 rounded bg-amber-200 px-1 font-sans text-[10.5px] font-medium text-amber-950">unparsed</span>{" "}
                  {row.text}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
