// Adds the requests just inserted to the endpoint rollups (per minute and per ten minutes),
// inside the ingest transaction: counts commit with their spans or not at all, and since only
// newly inserted spans are counted, retries never double count.
import type pg from "pg";
import type { SpanRow } from "@/lib/ingest/traces/span-row";
import { Histogram } from "@/lib/rollups/latency-histogram";
import { NANOS_PER_MINUTE } from "@/lib/rollups/minutes";
import { isRequestError } from "@/lib/semconv/request-error";

// The histogram parameter is one packed array per row, passed as text ("{…}") because pg cannot
// send an array of arrays of unequal length.
const upsertInto = (table: string) => `
INSERT INTO ${table} (minute, service_name, endpoint, request_count, error_count, latency_histogram)
SELECT minute, service_name, endpoint, requests, errors, histogram::bigint[]
FROM unnest($1::int8[], $2::text[], $3::text[], $4::int8[], $5::int8[], $6::text[])
  AS rows (minute, service_name, endpoint, requests, errors, histogram)
ON CONFLICT (minute, service_name, endpoint) DO UPDATE SET
  request_count = ${table}.request_count + excluded.request_count,
  error_count = ${table}.error_count + excluded.error_count,
  latency_histogram = merge_latency_histograms(${table}.latency_histogram, excluded.latency_histogram)`;

const UPSERT_MINUTES = upsertInto("endpoint_minutes");
const UPSERT_TEN_MINUTES = upsertInto("endpoint_ten_minutes");

const SEP = "\u0000"; // cannot occur in names: normalisation strips NUL

interface Rollup {
  minute: bigint;
  service: string;
  endpoint: string;
  requests: number;
  errors: number;
  histogram: Histogram;
}

export async function upsertEndpointRollups(client: pg.PoolClient, spans: SpanRow[]): Promise<void> {
  const minutes = new Map<string, Rollup>();
  const tens = new Map<string, Rollup>();
  for (const span of spans) {
    if (span.endpoint === null) continue;
    const minute = span.startTimeUnixNano / NANOS_PER_MINUTE;
    const error = isRequestError(span);
    const duration = Number(span.durationNano);
    for (const [rollups, key] of [
      [minutes, minute],
      [tens, minute - (minute % 10n)],
    ] as const) {
      const id = `${key}${SEP}${span.serviceName}${SEP}${span.endpoint}`;
      let rollup = rollups.get(id);
      if (!rollup) {
        rollup = {
          minute: key,
          service: span.serviceName,
          endpoint: span.endpoint,
          requests: 0,
          errors: 0,
          histogram: new Histogram(),
        };
        rollups.set(id, rollup);
      }
      rollup.requests++;
      if (error) rollup.errors++;
      rollup.histogram.addDuration(duration);
    }
  }
  if (minutes.size === 0) return;
  await client.query(UPSERT_MINUTES, columns(minutes));
  await client.query(UPSERT_TEN_MINUTES, columns(tens));
}

/** Rows sorted by key, so concurrent writers lock rows in one order (no deadlocks). */
function columns(rollups: Map<string, Rollup>): unknown[] {
  const rows = [...rollups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  return [
    rows.map((r) => r.minute.toString()),
    rows.map((r) => r.service),
    rows.map((r) => r.endpoint),
    rows.map((r) => r.requests),
    rows.map((r) => r.errors),
    rows.map((r) => r.histogram.toPackedLiteral()),
  ];
}
