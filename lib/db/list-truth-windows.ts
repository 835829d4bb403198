import { guardDb } from "./errors";
import { withReadConnection } from "./raw-connection";
import type { SortDirection, WindowSort } from "./list-windows";
import type { TruthMark } from "@/lib/domain/types";

/** A window's standing against the run's ground truth under its stored ensemble labels (lib/ui/window-rows.ts truthMarkOf). */
export type TruthFilter = TruthMark;

export interface TruthWindowsInput {
  runId: number;
  filter: TruthFilter;
  sort: WindowSort;
  direction: SortDirection;
  page: number;
  pageSize: number;
  from?: number;
  to?: number;
}

// The truth is a JSON array on the run row (Run.truthWindows): json_each reads it inside the query,
// so a truth of thousands of windows never meets SQLite's limit of bound parameters.
const TRUTH = `(SELECT value FROM json_each((SELECT "truthWindows" FROM "Run" WHERE "id" = @runId)))`;
const HAS_TRUTH = `(SELECT "truthWindows" FROM "Run" WHERE "id" = @runId) IS NOT NULL`;

const CONDITIONS: Record<TruthFilter, string> = {
  tp: `"ensembleAnomaly" = 1 AND "index" IN ${TRUTH}`,
  // A run without ground truth has no false positives: nothing was labelled either way.
  fp: `"ensembleAnomaly" = 1 AND ${HAS_TRUTH} AND "index" NOT IN ${TRUTH}`,
  fn: `"ensembleAnomaly" = 0 AND "index" IN ${TRUTH}`,
};

/** list-windows.ts's orders in SQL: ties in time order, a missing DBSCAN distance (infinite) the farthest. */
function orderSql(sort: WindowSort, direction: SortDirection): string {
  const dir = direction === "asc" ? "ASC" : "DESC";
  switch (sort) {
    case "time":
      return `"index" ${dir}`;
    case "dbscanDistance":
      return `("dbscanDistance" IS NULL) ${dir}, "dbscanDistance" ${dir}, "index" ASC`;
    default:
      return `"${sort}" ${dir}, "index" ASC`;
  }
}

/**
 * The indices of one page of windows with a ground-truth mark, in the page's order, and how many
 * windows have it (within [from, to) when given). Raw SQL because the truth lives in a JSON column.
 */
export async function listTruthWindowIndices(input: TruthWindowsInput): Promise<{ indices: number[]; total: number }> {
  const range = [input.from === undefined ? "" : `AND "start" >= @from`, input.to === undefined ? "" : `AND "start" < @to`].join(" ");
  const where = `"runId" = @runId AND ${CONDITIONS[input.filter]} ${range}`;
  const params = {
    runId: input.runId,
    ...(input.from === undefined ? {} : { from: Math.ceil(input.from) }),
    ...(input.to === undefined ? {} : { to: Math.ceil(input.to) }),
  };
  return guardDb(() =>
    withReadConnection((db) => {
      const { n } = db.prepare(`SELECT COUNT(*) AS n FROM "Window" WHERE ${where}`).get(params) as { n: number };
      const rows = db
        .prepare(`SELECT "index" FROM "Window" WHERE ${where} ORDER BY ${orderSql(input.sort, input.direction)} LIMIT @limit OFFSET @offset`)
        .pluck()
        .all({ ...params, limit: input.pageSize, offset: (input.page - 1) * input.pageSize }) as number[];
      return { indices: rows, total: n };
    }),
  );
}
