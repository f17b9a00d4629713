// Fails when prisma/schema.prisma and the database built by prisma/migrations disagree:
// a table, column, type, nullability or primary key present on one side only.
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

interface ModelColumn {
  column: string;
  type: string;
  nullable: boolean;
}

interface Model {
  table: string;
  columns: ModelColumn[];
  primaryKey: string[];
}

/** Enough of the Prisma schema language for this project's models (scalars, Unsupported, @map, @db, @id). */
function parseModels(schema: string): Model[] {
  const models: Model[] = [];
  // Relation fields (typed with another model) are not columns: their foreign keys are.
  const modelNames = new Set([...schema.matchAll(/^model (\w+) \{/gm)].map((match) => match[1]));
  for (const [, name, body] of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const table = /@@map\("(\w+)"\)/.exec(body as string)?.[1] ?? (name as string);
    const columns: ModelColumn[] = [];
    const fieldToColumn = new Map<string, string>();
    let primaryKey: string[] = [];
    for (const raw of (body as string).split("\n")) {
      const line = raw.replace(/\/\/.*$/, "").trim();
      const field = /^(\w+)\s+(Unsupported\("[^"]+"\)|\w+(?:\[\])?)(\?)?\s*(.*)$/.exec(line);
      if (!field || line.startsWith("@@") || modelNames.has(field[2]?.replace("[]", ""))) continue;
      const [, fieldName, prismaType, optional, rest] = field as unknown as [
        string,
        string,
        string,
        string | undefined,
        string,
      ];
      const column = /@map\("(\w+)"\)/.exec(rest)?.[1] ?? fieldName;
      fieldToColumn.set(fieldName, column);
      columns.push({
        column,
        type: pgType(prismaType, /@db\.(\w+)/.exec(rest)?.[1]),
        nullable: optional === "?",
      });
      if (/@id\b/.test(rest)) primaryKey = [column];
    }
    const compositeId = /@@id\(\[([^\]]+)\]\)/.exec(body as string)?.[1];
    if (compositeId) primaryKey = compositeId.split(",").map((f) => fieldToColumn.get(f.trim()) ?? f.trim());
    models.push({ table, columns, primaryKey });
  }
  return models;
}

function pgType(prismaType: string, nativeType: string | undefined): string {
  if (prismaType.endsWith("[]")) return "ARRAY";
  // Unsupported("bit(512)"): information_schema names the type without its length, and any
  // array (Unsupported("integer[]"), a nullable one) ARRAY.
  const unsupported = /^Unsupported\("(\w+)(\[\])?/.exec(prismaType);
  if (unsupported?.[2]) return "ARRAY";
  if (unsupported?.[1]) return unsupported[1];
  if (nativeType === "SmallInt") return "smallint";
  if (nativeType === "Timestamptz") return "timestamp with time zone";
  const types: Record<string, string> = {
    BigInt: "bigint",
    Bytes: "bytea",
    String: "text",
    Int: "integer",
    Json: "jsonb",
    Boolean: "boolean",
    Float: "double precision",
    DateTime: "timestamp without time zone",
  };
  return types[prismaType] ?? `unknown(${prismaType})`;
}

describe("prisma/schema.prisma matches the migrated database", () => {
  const client = new pg.Client({ connectionString: inject("tracewell").databaseUrl });
  const models = parseModels(readFileSync("prisma/schema.prisma", "utf8"));

  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it("has a model for every table and a table for every model", async () => {
    const { rows } = await client.query<{ relname: string }>(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
         AND c.relname <> '_prisma_migrations'`,
    );
    expect(rows.map((row) => row.relname).sort()).toEqual(models.map((model) => model.table).sort());
  });

  it.each(models.map((model) => [model.table, model] as const))(
    "table %s: columns, types, nullability, key",
    async (table, model) => {
      const { rows } = await client.query<{ column_name: string; data_type: string; is_nullable: string }>(
        `SELECT column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name = $1`,
        [table],
      );
      const actual = rows
        .map((row) => ({ column: row.column_name, type: row.data_type, nullable: row.is_nullable === "YES" }))
        .sort((a, b) => a.column.localeCompare(b.column));
      const expected = [...model.columns].sort((a, b) => a.column.localeCompare(b.column));
      expect(actual).toEqual(expected);

      const key = await client.query<{ attname: string }>(
        `SELECT a.attname FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
       WHERE i.indrelid = $1::regclass AND i.indisprimary
       ORDER BY array_position(i.indkey, a.attnum)`,
        [table],
      );
      expect(key.rows.map((row) => row.attname)).toEqual(model.primaryKey);
    },
  );
});
