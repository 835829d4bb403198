import { guardDb } from "./errors";
import { readSql } from "./raw-connection";
import type { SortDirection, WindowSort } from "./list-windows";
import { jsonIntegers } from "./sql/dialect-sql";
import { arrays, one, type SqlDialect, type SqlParam } from "./sql/sql-step";
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

/** A piece of a WHERE clause with the parameters of its `?`s, in order. */
interface Clause {
  sql: string;
  params: SqlParam[];
}

// The truth is a JSON array on the run row (Run.truthWindows), read inside the query (dialect-sql.ts),
// so a truth of thousands of windows never meets a store's limit of bound parameters.
const TRUTH_JSON = `(SELECT "truthWindows" FROM "Run" WHERE "id" = ?)`;

function truthCondition(dialect: SqlDialect, filter: TruthFilter, runId: number): Clause {
  const truth = jsonIntegers(dialect, TRUTH_JSON);
  switch (filter) {
    case "tp":
      return { sql: `"ensembleAnomaly" = TRUE AND "index" IN ${truth}`, params: [runId] };
    case "fp":
      // A run without ground truth has no false positives: nothing was labelled either way.
      return { sql: `"ensembleAnomaly" = TRUE AND ${TRUTH_JSON} IS NOT NULL AND "index" NOT IN ${truth}`, params: [runId, runId] };
    case "fn":
      return { sql: `"ensembleAnomaly" = FALSE AND "index" IN ${truth}`, params: [runId] };
  }
}

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
  return guardDb(() =>
    readSql(function* (dialect) {
      const clauses: Clause[] = [{ sql: `"runId" = ?`, params: [input.runId] }, truthCondition(dialect, input.filter, input.runId)];
      if (input.from !== undefined) clauses.push({ sql: `"start" >= ?`, params: [Math.ceil(input.from)] });
      if (input.to !== undefined) clauses.push({ sql: `"start" < ?`, params: [Math.ceil(input.to)] });
      const where = clauses.map((c) => c.sql).join(" AND ");
      const params = clauses.flatMap((c) => c.params);
      const count = yield* one<{ n: number }>(`SELECT COUNT(*) AS n FROM "Window" WHERE ${where}`, params);
      const rows = yield* arrays(
        `SELECT "index" FROM "Window" WHERE ${where} ORDER BY ${orderSql(input.sort, input.direction)} LIMIT ? OFFSET ?`,
        [...params, input.pageSize, (input.page - 1) * input.pageSize],
      );
      return { indices: rows.map(([index]) => index as number), total: count?.n ?? 0 };
    }),
  );
}
