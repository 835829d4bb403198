/** The raw log lines of a window from `GET /api/runs/:id/windows/:index` (`lines: {line, text, unparsed}[]`). */
export interface RawLine {
  line: number;
  text: string;
  unparsed: boolean;
}

export function readRawLines(json: unknown): { lines: RawLine[]; truncated: boolean } | null {
  if (!json || typeof json !== "object") return null;
  const body = json as Record<string, unknown>;
  const list = Array.isArray(body.lines) ? body.lines : null;
  if (!list) return null;
  const lines: RawLine[] = [];
  for (const item of list) {
    if (!item || typeof item !== "object") continue;
    const l = item as Record<string, unknown>;
    if (typeof l.line !== "number" || typeof l.text !== "string") continue;
    lines.push({ line: l.line, text: l.text, unparsed: l.unparsed === true });
  }
  const truncated = body.truncated === true || body.linesTruncated === true || (typeof body.totalLines === "number" && body.totalLines > lines.length);
  return { lines, truncated };
}
