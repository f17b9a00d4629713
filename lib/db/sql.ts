// The one way hand-written SQL is run: a tagged template that turns interpolations into numbered
// parameters (never into SQL text), and a `Db` handle that every query takes as its first
// argument — a pool, a transaction's client or a read replica — so callers choose where it runs.
//
//   const rows = await db.many(sql`SELECT name FROM spans WHERE trace_id = ${id}`, SpanNameRow);
//
// Fragments compose: sql`… WHERE ${condition}` inlines a nested sql`` with its parameters
// renumbered. Identifiers cannot be interpolated; `raw()` takes SQL text and is only for
// identifiers picked from an allow-list in the calling file.
import type pg from "pg";
import type { z } from "zod";

const SQL = Symbol("tracewell.sql");

export interface Sql {
  readonly [SQL]: true;
  readonly strings: readonly string[];
  readonly values: readonly unknown[];
}

function isSql(value: unknown): value is Sql {
  return typeof value === "object" && value !== null && SQL in value;
}

export function sql(strings: TemplateStringsArray | readonly string[], ...values: unknown[]): Sql {
  return { [SQL]: true, strings: [...strings], values };
}

/** SQL text spliced in as is. Only for identifiers or keywords chosen from an allow-list. */
export function raw(text: string): Sql {
  return sql([text]);
}

/** Fragments joined by a separator, e.g. conditions with " AND ". */
export function join(parts: readonly Sql[], separator: string): Sql {
  if (parts.length === 0) return raw("");
  const strings: string[] = [""];
  const values: unknown[] = [];
  parts.forEach((part, index) => {
    if (index > 0) strings[strings.length - 1] += separator;
    strings.push("");
    values.push(part);
  });
  return sql(strings, ...values);
}

/** pg's { text, values } for a query: parameters numbered $1.. in order of appearance. */
export function compile(query: Sql): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  let text = "";
  const append = (fragment: Sql) => {
    fragment.strings.forEach((part, index) => {
      text += part;
      if (index >= fragment.values.length) return;
      const value = fragment.values[index];
      if (isSql(value)) append(value);
      else {
        values.push(value);
        text += `$${values.length}`;
      }
    });
  };
  append(query);
  return { text, values };
}

/** What a query can run on: a pg Pool, a pooled client inside a transaction, or a replica's pool. */
export type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

export class RowShapeError extends Error {
  override name = "RowShapeError";
}

/**
 * A database handle for queries. Rows are checked against the zod schema the query declares:
 * the first row always (a renamed column or changed type fails loudly, not as `undefined` in a
 * chart), every row when TRACEWELL_CHECK_ALL_ROWS=1 (the test suite sets it).
 */
export class Db {
  constructor(readonly client: Queryable) {}

  async many<Schema extends z.ZodType>(query: Sql, schema: Schema): Promise<z.infer<Schema>[]> {
    const { text, values } = compile(query);
    const result = await this.client.query(text, values);
    return checkRows(result.rows, schema, text);
  }

  async one<Schema extends z.ZodType>(query: Sql, schema: Schema): Promise<z.infer<Schema> | undefined> {
    const rows = await this.many(query, schema);
    return rows[0];
  }

  /** For statements whose rows are not read: returns the affected row count. */
  async execute(query: Sql): Promise<number> {
    const { text, values } = compile(query);
    const result = await this.client.query(text, values);
    return result.rowCount ?? 0;
  }
}

/** A Db over a pool: can also run a transaction on one of its connections. */
export class PoolDb extends Db {
  constructor(readonly pool: pg.Pool) {
    super(pool);
  }

  /** Runs `work` in BEGIN … COMMIT on one connection; rolls back if it throws. */
  async transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(new Db(client));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}

function checkRows<Schema extends z.ZodType>(
  rows: unknown[],
  schema: Schema,
  text: string,
): z.infer<Schema>[] {
  const checkAll = process.env.TRACEWELL_CHECK_ALL_ROWS === "1";
  const limit = checkAll ? rows.length : Math.min(rows.length, 1);
  for (let index = 0; index < limit; index++) {
    const parsed = schema.safeParse(rows[index]);
    if (!parsed.success) {
      const firstLine = text.trim().split("\n")[0];
      throw new RowShapeError(
        `row ${index} of "${firstLine}…" does not match its schema: ${parsed.error.message}`,
      );
    }
  }
  return rows as z.infer<Schema>[];
}
