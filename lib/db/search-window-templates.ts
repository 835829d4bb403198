import { guardDb } from "./errors";
import { withReadConnection } from "./raw-connection";

/** `text` as a LIKE pattern matching it anywhere, its own %, _ and \ taken literally (ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, "\\$&")}%`;
}

/**
 * The windows of an extended run holding a line of a template whose text or stored example line
 * contains `text` (SQLite LIKE: case-insensitive for ASCII letters), as ascending indices. Seed runs
 * store no templates and give none. The matching template ids are found first (a few hundred rows),
 * then each window's `[[templateId, count], ...]` is checked against them in the same query.
 */
export async function findWindowsByTemplate(runId: number, text: string): Promise<number[]> {
  if (text === "") return [];
  return guardDb(() =>
    withReadConnection((db) => {
      const params = { runId, pattern: containsPattern(text) };
      const ids = db
        .prepare(`SELECT "templateId" FROM "RunTemplate" WHERE "runId" = @runId AND ("template" LIKE @pattern ESCAPE '\\' OR "example" LIKE @pattern ESCAPE '\\')`)
        .pluck()
        .all(params) as number[];
      if (ids.length === 0) return [];
      return db
        .prepare(
          `SELECT "index" FROM "Window" WHERE "runId" = @runId AND "templateCounts" IS NOT NULL AND EXISTS (
             SELECT 1 FROM json_each("templateCounts") AS j WHERE json_extract(j.value, '$[0]') IN (SELECT value FROM json_each(@ids))
           ) ORDER BY "index"`,
        )
        .pluck()
        .all({ runId, ids: JSON.stringify(ids) }) as number[];
    }),
  );
}
