/** The `npm run templates` CSV: one row per input line, with its template as mined at the end. */
export const TEMPLATES_CSV_HEADER = "line,template_id,template\n";

/** What a line that is not a syslog record gets instead of a template (its id is left empty). */
export const UNPARSED_TEMPLATE = "(unparsed)";

/** RFC 4180 field: always quoted, inner quotes doubled, so commas and line breaks stay inside. */
export function quoteCsvField(text: string): string {
  return `"${text.includes('"') ? text.replaceAll('"', '""') : text}"`;
}

/** One row; `templateId` null for an unparsed line. */
export function formatTemplateRow(line: number, templateId: number | null, template: string): string {
  return `${line}${formatTemplateRowEnd(templateId, template)}`;
}

/** A row after its line number, the same for every line of a template, so a writer can reuse it. */
export function formatTemplateRowEnd(templateId: number | null, template: string): string {
  return `,${templateId ?? ""},${quoteCsvField(template)}\n`;
}
