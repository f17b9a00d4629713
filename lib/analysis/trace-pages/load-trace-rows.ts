// A trace's span rows and resources as PostgreSQL returns them, for the two shapes the trace API
// serves (lib/queries/traces/get-trace.ts: one object per span; get-compact-trace.ts: columns and
// string tables, which large traces keep: kept-trace-pages.ts).
// The `traces` row gives the trace's time bounds first, so the span query prunes to the
// partitions (days) the trace touches instead of probing every partition's index.
// Past retention, a pinned trace is read from its copy (pinned_traces / pinned_spans).
// Hand-written SQL, not Prisma: a trace can hold 100k spans and this is the page's hot path.
import { z } from "zod";
import { type Db, raw, sql } from "@/lib/db/sql";
import { type Attributes, attributesSchema } from "@/lib/model/attribute-value";

const BoundsRow = z.object({
  start_time_unix_nano: z.string(),
  end_time_unix_nano: z.string(),
  span_count: z.number(),
});

const SpanRecord = z.object({
  // Hex from PostgreSQL's encode(): parsing bytea into a Buffer and printing it as hex again cost
  // ~0.1 s per 100k spans in Node.
  span_id: z.string(),
  parent_span_id: z.string().nullable(),
  name: z.string(),
  service_name: z.string(),
  endpoint: z.string().nullable(),
  kind: z.number(),
  start_time_unix_nano: z.string(), // int8 arrives as a string: exact
  duration_nano: z.string(),
  /** nanoseconds after the trace row's start: exact below 2^53 (~104 days), used to sort */
  start_offset: z.string(),
  status_code: z.number(),
  status_message: z.string().nullable(),
  resource_id: z.string(),
  scope_name: z.string().nullable(),
  scope_version: z.string().nullable(),
  attributes: attributesSchema,
  events: z
    .array(z.object({ name: z.string(), timeUnixNano: z.string(), attributes: attributesSchema }))
    .nullable(),
  links: z
    .array(z.object({ traceId: z.string(), spanId: z.string(), attributes: attributesSchema }))
    .nullable(),
});
export type TraceSpanRecord = z.infer<typeof SpanRecord>;

const ResourceRecord = z.object({ id: z.string(), attributes: attributesSchema });

export interface LoadTraceOptions {
  /** at most this many spans, the earliest first; the answer then says how many it left out */
  maxSpans?: number;
}

export interface TraceRows {
  rows: TraceSpanRecord[];
  resourceById: Map<string, Attributes>;
  /** only when the cap left spans out */
  spanCount?: number;
  omittedSpanCount?: number;
}

export async function loadTraceRows(
  db: Db,
  traceIdHex: string,
  options: LoadTraceOptions = {},
): Promise<TraceRows | null> {
  const traceId = Buffer.from(traceIdHex, "hex");
  const live = await db.one(
    sql`SELECT start_time_unix_nano, end_time_unix_nano, span_count FROM traces WHERE trace_id = ${traceId}`,
    BoundsRow,
  );
  const bounds =
    live ??
    (await db.one(
      sql`SELECT start_time_unix_nano, end_time_unix_nano, span_count FROM pinned_traces WHERE trace_id = ${traceId}`,
      BoundsRow,
    ));
  if (!bounds) return null;
  // LIMIT only when the trace is bigger than the cap: a LIMIT can change the plan of every query.
  const limit =
    options.maxSpans !== undefined && bounds.span_count > options.maxSpans ? options.maxSpans : undefined;
  // Table names from this fixed pair only.
  const table = live ? raw("spans") : raw("pinned_spans");
  // Uncapped, the rows come unsorted and are sorted here on a numeric key: PostgreSQL sorting
  // 100k wide rows (attributes included) spills to disk with the default work_mem and cost
  // 0.1–0.4 s; sorting row indices by offset costs ~20 ms. Capped, the earliest N need ORDER BY.
  const unsorted = await db.many(
    sql`SELECT encode(span_id, 'hex') AS span_id, encode(parent_span_id, 'hex') AS parent_span_id, name, service_name, endpoint, kind, start_time_unix_nano, duration_nano,
               start_time_unix_nano - ${bounds.start_time_unix_nano}::int8 AS start_offset,
               status_code, status_message, resource_id, scope_name, scope_version, attributes, events, links
        FROM ${table} AS s
        WHERE trace_id = ${traceId} AND start_time_unix_nano BETWEEN ${bounds.start_time_unix_nano} AND ${bounds.end_time_unix_nano}
        ${limit === undefined ? raw("") : sql`ORDER BY s.start_time_unix_nano, s.span_id LIMIT ${limit}`}`,
    SpanRecord,
  );
  const rows = limit === undefined ? sortByStart(unsorted) : unsorted;
  const resourceIds = [...new Set(rows.map((row) => row.resource_id))];
  const resources = await db.many(
    sql`SELECT id::text AS id, attributes FROM resources WHERE id = ANY(${resourceIds}::int8[])`,
    ResourceRecord,
  );
  const resourceById = new Map<string, Attributes>(resources.map((r) => [r.id, r.attributes]));

  const capped = limit !== undefined && rows.length >= limit;
  const totalSpans = Math.max(bounds.span_count, rows.length);
  return {
    rows,
    resourceById,
    ...(capped && totalSpans > rows.length
      ? { spanCount: totalSpans, omittedSpanCount: totalSpans - rows.length }
      : {}),
  };
}

/** Ordered as `ORDER BY start_time_unix_nano, span_id` would (hex compares as the bytes do). */
function sortByStart(rows: TraceSpanRecord[]): TraceSpanRecord[] {
  const offsets = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) offsets[i] = Number((rows[i] as TraceSpanRecord).start_offset);
  const order = Array.from({ length: rows.length }, (_, i) => i);
  order.sort((a, b) => {
    const byStart = (offsets[a] as number) - (offsets[b] as number);
    if (byStart !== 0) return byStart;
    const ra = rows[a] as TraceSpanRecord;
    const rb = rows[b] as TraceSpanRecord;
    // Offsets past 2^53 may round together: the exact start decides, then the span id.
    if (ra.start_time_unix_nano !== rb.start_time_unix_nano) {
      return BigInt(ra.start_time_unix_nano) < BigInt(rb.start_time_unix_nano) ? -1 : 1;
    }
    return ra.span_id < rb.span_id ? -1 : ra.span_id > rb.span_id ? 1 : 0;
  });
  return order.map((i) => rows[i] as TraceSpanRecord);
}
