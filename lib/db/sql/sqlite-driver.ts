import type Database from "better-sqlite3";
import { toSqlTimestamp } from "../sql-timestamp";
import { quoteColumns } from "../window-columns";
import type { SqlParam, SqlQuery, SqlStep } from "./sql-step";

/**
 * Runs SQL steps on a better-sqlite3 connection, synchronously from the first query to the last:
 * the caller holds BEGIN IMMEDIATE (raw-connection.ts) and nothing else in this process may run
 * until COMMIT (see sql-step.ts for why).
 */

type SqliteValue = number | string | bigint | Uint8Array | null;

function toSqlite(value: SqlParam): SqliteValue {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return toSqlTimestamp(value);
  return value;
}

const toSqliteAll = (params: readonly SqlParam[]) => params.map(toSqlite);

/** Statements prepared once per connection: a step may run one statement thousands of times. */
class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  /** `arrays`: the statement hands out rows as arrays (a separate statement from the object form). */
  get(sql: string, arrays = false): Database.Statement {
    const key = arrays ? `arrays\n${sql}` : sql;
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (arrays) statement.raw(true);
      this.statements.set(key, statement);
    }
    return statement;
  }
}

function execute(cache: StatementCache, query: SqlQuery): unknown {
  switch (query.mode) {
    case "run":
      return cache.get(query.sql).run(toSqliteAll(query.params)).changes;
    case "objects":
      return cache.get(query.sql).all(toSqliteAll(query.params));
    case "arrays":
      return cache.get(query.sql, true).all(toSqliteAll(query.params));
    case "insert": {
      // One prepared single-row INSERT reused for every row: faster here than multi-row INSERTs
      // (no argument arrays to build), about 1 s per 100k windows.
      const placeholders = query.columns.map(() => "?").join(", ");
      const insert = cache.get(`INSERT INTO "${query.table}" (${quoteColumns(query.columns)}) VALUES (${placeholders})`);
      let count = 0;
      for (const row of query.rows) {
        insert.run(toSqliteAll(row));
        count++;
      }
      return count;
    }
    case "update": {
      const assignments = query.set.map((c) => `"${c.name}" = ?`).join(", ");
      const match = query.key.map((c) => `"${c.name}" = ?`).join(" AND ");
      const update = cache.get(`UPDATE "${query.table}" SET ${assignments} WHERE ${match}`);
      let changed = 0;
      for (const row of query.rows) changed += update.run(toSqliteAll(row)).changes;
      return changed;
    }
  }
}

/** Runs `step` to its end on `db`, feeding each query's result back at once. */
export function runSqliteStep<T>(db: Database.Database, step: SqlStep<T>): T {
  const cache = new StatementCache(db);
  let next = step.next();
  try {
    while (!next.done) next = step.next(execute(cache, next.value));
    return next.value;
  } finally {
    // A query that threw leaves the generator suspended; close it so its `finally` blocks run.
    if (!next.done) step.return(undefined as T);
  }
}
