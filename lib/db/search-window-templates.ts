import { guardDb } from "./errors";
import { readSql } from "./raw-connection";
import { jsonArrayAgg, jsonElements, jsonIntegerAt, jsonIntegers, likeAnyCase } from "./sql/dialect-sql";
import { all, one } from "./sql/sql-step";

/** `text` as a LIKE pattern matching it anywhere, its own %, _ and \ taken literally (ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, "\\$&")}%`;
}

/**
 * The windows of an extended run holding a line of a template whose text or stored example line
 * contains `text` (in any letter case, dialect-sql.ts likeAnyCase), as ascending indices. Seed runs
 * store no templates and give none. The matching template ids are found first (a few hundred rows),
 * then each window's `[[templateId, count], ...]` is checked against them in the same query.
 */
export async function findWindowsByTemplate(runId: number, text: string): Promise<number[]> {
  if (text === "") return [];
  return guardDb(() =>
    readSql(function* (dialect) {
      const pattern = containsPattern(text);
      const like = likeAnyCase(dialect);
      const templates = yield* all<{ templateId: number }>(
        `SELECT "templateId" FROM "RunTemplate"
         WHERE "runId" = ? AND ("template" ${like} ? ESCAPE '\\' OR "example" ${like} ? ESCAPE '\\')`,
        [runId, pattern, pattern],
      );
      if (templates.length === 0) return [];
      const ids = JSON.stringify(templates.map((t) => t.templateId));
      const windows = yield* one<{ indices: string }>(
        `SELECT ${jsonArrayAgg(dialect, `"index"`, `"index"`)} AS "indices" FROM "Window" WHERE "runId" = ? AND "templateCounts" IS NOT NULL AND EXISTS (
           SELECT 1 FROM ${jsonElements(dialect, `"templateCounts"`)} AS j
           WHERE ${jsonIntegerAt(dialect, "j.value", 0)} IN ${jsonIntegers(dialect, "?")}
         )`,
        [runId, ids],
      );
      return windows ? (JSON.parse(windows.indices) as number[]) : [];
    }),
  );
}
