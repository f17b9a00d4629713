// npm run bench:store [-- --requests 240 --writers 4 --rounds 3]
//
// The span store alone, in process: the bench:ingest requests (500 spans made by the official
// SDK, typical mix), decoded and normalised once up front, then written by N concurrent writers
// through SpanStore.write (spans COPY, traces with their search summary and terms, rollups, the
// analysis queue), each round into a fresh database. No HTTP, no decoding, no senders on the same
// cores: what a change to the store costs shows here above bench:ingest's run-to-run spread.
// Prints spans/s per round (the first 20 requests of each round are a warm-up, not timed).
import { parseArgs } from "node:util";
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { normalizeTraceRequest } from "@/lib/ingest/traces/normalize-spans";
import { decodeTraceRequestProto } from "@/lib/otlp/decode-traces-proto";
import { createSpanStore } from "@/lib/server/ingest-role";
import { makeTraceExport } from "@/test/fixtures/otlp-fixtures";
import { createTestDatabase } from "@/test/support/test-database";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "240" },
    writers: { type: "string", default: "4" },
    rounds: { type: "string", default: "3" },
  },
});
const requests = Number(values.requests);
const writers = Number(values.writers);
const WARM_UP = 20;
const SPANS = 500;

console.log(`Preparing ${requests} requests of ${SPANS} spans (official SDK, typical mix), normalised…`);
const startMs = Date.now() - 10 * 60_000;
const window = {
  nowUnixNano: BigInt(Date.now()) * 1_000_000n,
  maxPastNanos: 10n ** 15n,
  maxFutureNanos: 10n ** 12n,
};
const batches = Array.from({ length: requests }, (_, i) =>
  normalizeTraceRequest(
    decodeTraceRequestProto(
      makeTraceExport({ spans: SPANS, startMs: startMs + i * 10, exceptionEvery: 20, cacheLookups: true })
        .protobuf,
    ),
    window,
  ),
);

for (let round = 1; round <= Number(values.rounds); round++) {
  const database = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: writers + 2 });
  try {
    await migrate(pool);
    const store = createSpanStore(pool);
    for (const batch of batches.slice(0, WARM_UP)) await store.write(batch.spans, batch.resources);
    let next = WARM_UP;
    const began = performance.now();
    await Promise.all(
      Array.from({ length: writers }, async () => {
        for (let batch = batches[next++]; batch !== undefined; batch = batches[next++]) {
          await store.write(batch.spans, batch.resources);
        }
      }),
    );
    const seconds = (performance.now() - began) / 1000;
    const spans = (requests - WARM_UP) * SPANS;
    console.log(
      `Round ${round}: ${Math.round(spans / seconds).toLocaleString("en-US")} spans/s through SpanStore.write ` +
        `(${spans.toLocaleString("en-US")} spans, ${writers} writers, ${seconds.toFixed(2)} s)`,
    );
  } finally {
    await pool.end();
    await database.drop();
  }
}
