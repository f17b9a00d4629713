// Adds the requests just inserted to the per-minute endpoint rollups (endpoint_minutes and
// endpoint_latency_buckets), inside the ingest transaction: counts commit with their spans or
// not at all, and since only newly inserted spans are counted, retries never double count.
import type pg from "pg";
import type { SpanRow } from "@/lib/ingest/span-row";
import { bucketOf } from "@/lib/rollups/latency-histogram";
import { NANOS_PER_MINUTE } from "@/lib/rollups/minutes";
import { isRequestError } from "@/lib/rollups/request-error";

const UPSERT_MINUTES = `
INSERT INTO endpoint_minutes (minute, service_name, endpoint, request_count, error_count)
SELECT * FROM unnest($1::int8[], $2::text[], $3::text[], $4::int8[], $5::int8[])
ON CONFLICT (minute, service_name, endpoint) DO UPDATE SET
  request_count = endpoint_minutes.request_count + excluded.request_count,
  error_count = endpoint_minutes.error_count + excluded.error_count`;

const UPSERT_BUCKETS = `
INSERT INTO endpoint_latency_buckets (minute, service_name, endpoint, bucket, request_count)
SELECT * FROM unnest($1::int8[], $2::text[], $3::text[], $4::int2[], $5::int8[])
ON CONFLICT (minute, service_name, endpoint, bucket) DO UPDATE SET
  request_count = endpoint_latency_buckets.request_count + excluded.request_count`;

const SEP = "\u0000"; // cannot occur in names: normalisation strips NUL

export async function upsertEndpointRollups(client: pg.PoolClient, spans: SpanRow[]): Promise<void> {
  const minutes = new Map<string, { requests: number; errors: number }>();
  const buckets = new Map<string, number>();
  for (const span of spans) {
    if (span.endpoint === null) continue;
    const minute = span.startTimeUnixNano / NANOS_PER_MINUTE;
    const key = `${minute}${SEP}${span.serviceName}${SEP}${span.endpoint}`;
    const counts = minutes.get(key) ?? { requests: 0, errors: 0 };
    counts.requests++;
    if (isRequestError(span)) counts.errors++;
    minutes.set(key, counts);
    const bucketKey = `${key}${SEP}${bucketOf(Number(span.durationNano))}`;
    buckets.set(bucketKey, (buckets.get(bucketKey) ?? 0) + 1);
  }
  if (minutes.size === 0) return;
  // Keys sorted so concurrent writers lock rows in one order (no deadlocks).
  const minuteRows = [...minutes.entries()]
    .sort(byKey)
    .map(([key, c]) => [...key.split(SEP), c.requests, c.errors]);
  const bucketRows = [...buckets.entries()].sort(byKey).map(([key, n]) => [...key.split(SEP), n]);
  await client.query(UPSERT_MINUTES, columns(minuteRows, 5));
  await client.query(UPSERT_BUCKETS, columns(bucketRows, 5));
}

function byKey([a]: [string, unknown], [b]: [string, unknown]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function columns(rows: Array<Array<string | number>>, width: number): Array<Array<string | number>> {
  return Array.from({ length: width }, (_, column) => rows.map((row) => row[column] as string | number));
}
