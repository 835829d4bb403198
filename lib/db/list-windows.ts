import { openDb } from "./client";
import { TRUTH_MARKS } from "@/lib/domain/types";
import { DatabaseError, guardDb } from "./errors";
import type { Prisma } from "./generated/prisma/client";
import { getWindowsByIndex } from "./get-windows-by-index";
import { listTruthWindowIndices, type TruthFilter } from "./list-truth-windows";
import { toWindowRecord } from "./map-records";
import type { WindowRecord } from "./types";

/**
 * Which windows: all, those the ensemble flags, those any model flags, or one model's; or, on a
 * run with ground truth, the ensemble's true positives, false positives or missed windows.
 */
export type WindowFilter = "all" | "ensemble" | "any" | "isolationForest" | "dbscan" | "autoencoder" | TruthFilter;
/** "time" is window order (index follows start). */
export type WindowSort = "time" | "ifScore" | "aeError" | "dbscanDistance" | "modelVotes";
export type SortDirection = "asc" | "desc";

export const WINDOW_FILTERS: readonly WindowFilter[] = ["all", "ensemble", "any", "isolationForest", "dbscan", "autoencoder", "tp", "fp", "fn"];
const isTruthFilter = (filter: WindowFilter): filter is TruthFilter => (TRUTH_MARKS as readonly string[]).includes(filter);
export const WINDOW_SORTS: readonly WindowSort[] = ["time", "ifScore", "aeError", "dbscanDistance", "modelVotes"];

export interface ListWindowsInput {
  runId: number;
  filter?: WindowFilter;
  sort?: WindowSort;
  /** Default: "asc" for time, "desc" (most anomalous first) for scores. */
  direction?: SortDirection;
  /** 1-based; default 1. */
  page?: number;
  /** Default 100, at most 1000. */
  pageSize?: number;
  /** Only windows with start >= from / start < to (Unix seconds), e.g. a zoomed timeline. */
  from?: number;
  to?: number;
}

export interface WindowPage {
  windows: WindowRecord[];
  /** Windows matching the filter (all pages). */
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

function whereFor(input: ListWindowsInput): Prisma.WindowWhereInput {
  const where: Prisma.WindowWhereInput = { runId: input.runId };
  switch (input.filter ?? "all") {
    case "ensemble":
      where.ensembleAnomaly = true;
      break;
    case "any":
      where.modelVotes = { gt: 0 };
      break;
    case "isolationForest":
      where.ifAnomaly = true;
      break;
    case "dbscan":
      where.dbscanAnomaly = true;
      break;
    case "autoencoder":
      where.aeAnomaly = true;
      break;
    case "all":
      break;
    case "tp":
    case "fp":
    case "fn":
      throw new DatabaseError("invalid", "Ground-truth filters are listed by list-truth-windows.ts.");
    default:
      throw new DatabaseError("invalid", `Unknown window filter; use one of ${WINDOW_FILTERS.join(", ")}.`);
  }
  if (input.from !== undefined || input.to !== undefined) {
    where.start = {
      gte: input.from === undefined ? undefined : BigInt(Math.ceil(input.from)),
      lt: input.to === undefined ? undefined : BigInt(Math.ceil(input.to)),
    };
  }
  return where;
}

function orderFor(sort: WindowSort, direction: SortDirection): Prisma.WindowOrderByWithRelationInput[] {
  // Ties fall back to time order so pages never overlap or skip.
  const tie: Prisma.WindowOrderByWithRelationInput = { index: "asc" };
  switch (sort) {
    case "time":
      return [{ index: direction }];
    case "ifScore":
      return [{ ifScore: direction }, tie];
    case "aeError":
      return [{ aeError: direction }, tie];
    case "dbscanDistance":
      // NULL is an infinite distance: the farthest of all.
      return [{ dbscanDistance: { sort: direction, nulls: direction === "desc" ? "first" : "last" } }, tie];
    case "modelVotes":
      return [{ modelVotes: direction }, tie];
    default:
      throw new DatabaseError("invalid", `Unknown window sort; use one of ${WINDOW_SORTS.join(", ")}.`);
  }
}

/** One page of a run's windows, filtered and sorted, with the total for the pager. */
export async function listWindows(input: ListWindowsInput): Promise<WindowPage> {
  const sort = input.sort ?? "time";
  const direction = input.direction ?? (sort === "time" ? "asc" : "desc");
  const pageSize = Math.min(Math.max(Math.trunc(input.pageSize ?? 100), 1), 1000);
  const page = Math.max(Math.trunc(input.page ?? 1), 1);
  // Checked before either query: an unknown sort is refused the same way on both paths.
  const orderBy = orderFor(sort, direction);
  const filter = input.filter ?? "all";
  if (isTruthFilter(filter)) {
    const { indices, total } = await listTruthWindowIndices({ ...input, filter, sort, direction, page, pageSize });
    const windows = await getWindowsByIndex(input.runId, indices);
    return { windows, total, page, pageSize, pageCount: Math.max(Math.ceil(total / pageSize), 1) };
  }
  const where = whereFor(input);
  return guardDb(async () => {
    const db = await openDb();
    const [total, rows] = await db.$transaction([
      db.window.count({ where }),
      db.window.findMany({ where, orderBy, skip: (page - 1) * pageSize, take: pageSize }),
    ]);
    return {
      windows: rows.map(toWindowRecord),
      total,
      page,
      pageSize,
      pageCount: Math.max(Math.ceil(total / pageSize), 1),
    };
  });
}
