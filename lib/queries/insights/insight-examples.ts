// How the insights queries carry an example request out of PostgreSQL: one text per example,
// "traceIdHex:savedNanos:spanIdHex,spanIdHex,…" (array_agg keeps them ordered and cut to a few),
// and back into the contract's shape.
import type { z } from "zod";
import type { insightExampleSchema } from "@/lib/contracts/insight-schemas";
import { raw, type Sql, sql } from "@/lib/db/sql";

/** An example as text, from the row's trace_id, a nanoseconds column and a bytea[] of span ids. */
export function exampleText(savedNanos: string, spanIds: string): Sql {
  // column expressions from the queries' own text, never from a request
  return sql`encode(trace_id, 'hex') || ':' || ${raw(savedNanos)} || ':' ||
    array_to_string(ARRAY(SELECT encode(id, 'hex') FROM unnest(${raw(spanIds)}) AS id), ',')`;
}

export function parseExample(text: string): z.infer<typeof insightExampleSchema> {
  const [traceId = "", saved = "0", spanIds = ""] = text.split(":");
  return { traceId, spanIds: spanIds === "" ? [] : spanIds.split(","), timeSavedMs: Number(saved) / 1e6 };
}
