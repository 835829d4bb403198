import { openDb } from "./client";
import { DatabaseError, guardDb } from "./errors";
import { toRunTemplateRecord } from "./map-records";
import { writeSql } from "./raw-connection";
import { insertRows, run, type SqlRow } from "./sql/sql-step";
import type { RunTemplateRecord } from "./types";

/** lib/logs TemplateCatalog entries fit as they are. */
export interface TemplateEntryInput {
  id: number;
  template: string;
  lines: number;
  windows: number;
  example?: string | null;
}

/** lib/pipeline TemplateStat fits as it is: lines of the template per window, over all windows. */
export interface TemplateStatInput {
  id: number;
  median: number;
  mean: number;
  std: number;
}

export interface InsertRunTemplatesInput {
  runId: number;
  templates: readonly TemplateEntryInput[];
  /** Per template id; a template without stats is stored with zeros. */
  stats?: readonly TemplateStatInput[];
  /** Delete the run's stored templates first (re-running a run). */
  replace?: boolean;
}

const COLUMNS = ["runId", "templateId", "template", "lines", "windows", "example", "median", "mean", "std"] as const;

/** Stores an extended run's template catalogue with its per-window statistics, in one transaction. */
export async function insertRunTemplates(input: InsertRunTemplatesInput): Promise<number> {
  const stats = new Map((input.stats ?? []).map((s) => [s.id, s]));
  for (const t of input.templates) {
    if (!Number.isSafeInteger(t.id) || !Number.isSafeInteger(t.lines) || !Number.isSafeInteger(t.windows)) {
      throw new DatabaseError("invalid", `Cannot store template ${String(t.id)}: its id, lines and windows must be whole numbers.`);
    }
  }
  return guardDb(
    () =>
      writeSql(function* () {
        if (input.replace) yield* run(`DELETE FROM "RunTemplate" WHERE "runId" = ?`, [input.runId]);
        const rows = input.templates.map((t): SqlRow => {
          const s = stats.get(t.id);
          return [input.runId, t.id, t.template, t.lines, t.windows, t.example ?? null, s?.median ?? 0, s?.mean ?? 0, s?.std ?? 0];
        });
        return yield* insertRows("RunTemplate", COLUMNS, rows);
      }),
    {
      conflict: "This run already has stored templates (or one template id twice).",
      invalid: "The templates could not be stored: the run does not exist or a value is missing.",
    },
  );
}

/** A run's templates in id order: all of them, or those of `ids` (unknown ids are left out). */
export async function getRunTemplates(runId: number, ids?: readonly number[]): Promise<RunTemplateRecord[]> {
  const wanted = ids === undefined ? undefined : [...new Set(ids)].filter(Number.isSafeInteger);
  if (wanted?.length === 0) return [];
  return guardDb(async () => {
    const db = await openDb();
    const rows = [];
    // A bounded IN list per query, whatever the number of ids asked for.
    const batches = wanted === undefined ? [undefined] : Array.from({ length: Math.ceil(wanted.length / 500) }, (_, b) => wanted.slice(b * 500, b * 500 + 500));
    for (const batch of batches) {
      rows.push(...(await db.runTemplate.findMany({ where: { runId, templateId: batch && { in: batch } }, orderBy: { templateId: "asc" } })));
    }
    return rows.map(toRunTemplateRecord).sort((a, b) => a.id - b.id);
  });
}

/** How many templates a run has stored. */
export async function countRunTemplates(runId: number): Promise<number> {
  return guardDb(async () => (await openDb()).runTemplate.count({ where: { runId } }));
}

/** Deletes a run's templates (a cancelled or failed worker may have written some). */
export async function deleteRunTemplates(runId: number): Promise<void> {
  await guardDb(() => writeSql(() => run(`DELETE FROM "RunTemplate" WHERE "runId" = ?`, [runId])));
}
