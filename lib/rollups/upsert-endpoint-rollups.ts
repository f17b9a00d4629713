// Adds the requests just inserted to the endpoint rollups (per minute and per ten minutes),
// inside the ingest transaction: counts commit with their spans or not at all, and since only
// newly inserted spans are counted, retries never double count.
import { type Db, raw, sql } from "@/lib/db/sql";
import type { SpanRow } from "@/lib/ingest/traces/span-row";
import { compositeKey } from "@/lib/model/composite-key";
import { Histogram } from "@/lib/rollups/latency-histogram";
import { NANOS_PER_MINUTE } from "@/lib/rollups/minutes";
import { isRequestError } from "@/lib/semconv/request-error";

/** The two rollup tiers: table names go into SQL, so only these. */
const ROLLUP_TABLES = { minutes: raw("endpoint_minutes"), tens: raw("endpoint_ten_minutes") } as const;

// The histogram parameter is one packed array per row, passed as text ("{…}") because pg cannot
// send an array of arrays of unequal length.
function upsertInto(tier: keyof typeof ROLLUP_TABLES, rollups: Map<string, Rollup>) {
  const table = ROLLUP_TABLES[tier];
  // Rows sorted by key, so concurrent writers lock rows in one order (no deadlocks).
  const rows = [...rollups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  return sql`
INSERT INTO ${table} (minute, service_name, endpoint, request_count, error_count, latency_histogram)
SELECT minute, service_name, endpoint, requests, errors, histogram::bigint[]
FROM unnest(${rows.map((r) => r.minute.toString())}::int8[], ${rows.map((r) => r.service)}::text[],
            ${rows.map((r) => r.endpoint)}::text[], ${rows.map((r) => r.requests)}::int8[],
            ${rows.map((r) => r.errors)}::int8[], ${rows.map((r) => r.histogram.toPackedLiteral())}::text[])
  AS rows (minute, service_name, endpoint, requests, errors, histogram)
ON CONFLICT (minute, service_name, endpoint) DO UPDATE SET
  request_count = ${table}.request_count + excluded.request_count,
  error_count = ${table}.error_count + excluded.error_count,
  latency_histogram = merge_latency_histograms(${table}.latency_histogram, excluded.latency_histogram)`;
}

interface Rollup {
  minute: bigint;
  service: string;
  endpoint: string;
  requests: number;
  errors: number;
  histogram: Histogram;
}

export async function upsertEndpointRollups(tx: Db, spans: SpanRow[]): Promise<void> {
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
      const id = compositeKey(key, span.serviceName, span.endpoint);
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
  await tx.execute(upsertInto("minutes", minutes));
  await tx.execute(upsertInto("tens", tens));
}
