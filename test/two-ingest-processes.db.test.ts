// Several ingest processes behind a load balancer (#21): a sender's retry may reach another
// process than the first try, or both at once. The same export requests (made by the OpenTelemetry
// SDK's serialiser), posted to two ingest processes at the same moment and then retried to both
// again, are stored once: no duplicate span, and the rollups — written in the same transaction
// from the rows actually inserted — count each request once.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTraceExport } from "@/test/fixtures/otlp-fixtures";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { startTracewellProcess, type TracewellProcess } from "@/test/support/tracewell-process";

let database: TestDatabase;
let first: TracewellProcess;
let second: TracewellProcess;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  const ingestOnly = () =>
    startTracewellProcess({ databaseUrl: database.url, env: { TRACEWELL_ROLES: "ingest" } });
  [first, second] = await Promise.all([ingestOnly(), ingestOnly()]);
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
}, 120_000);
afterAll(async () => {
  await pool?.end();
  await Promise.all([first?.stop(), second?.stop()]);
  await database?.drop();
});

async function post(server: TracewellProcess, body: Uint8Array): Promise<number> {
  const response = await fetch(`${server.otlpHttpUrl}/v1/traces`, {
    method: "POST",
    body: body as BodyInit,
    headers: { "Content-Type": "application/x-protobuf" },
  });
  await response.arrayBuffer();
  return response.status;
}

async function totals(): Promise<{ spans: number; distinct: number; requests: number }> {
  const spans = await pool.query(
    "SELECT count(*)::int AS n, count(DISTINCT (trace_id, span_id))::int AS d FROM spans",
  );
  const rollups = await pool.query("SELECT coalesce(sum(request_count), 0)::int AS n FROM endpoint_minutes");
  return { spans: spans.rows[0].n, distinct: spans.rows[0].d, requests: rollups.rows[0].n };
}

describe("two ingest processes, one database", () => {
  it("store each retried batch once, whichever process and however many times it arrives", async () => {
    const startMs = Date.now() - 120_000;
    const batch = (i: number) => makeTraceExport({ spans: 50, startMs: startMs + i * 1_000 }).protobuf;

    // Control: ten batches sent once, to one process.
    for (let i = 0; i < 10; i++) expect(await post(first, batch(i))).toBe(200);
    const once = await totals();
    expect(once.spans).toBe(500);
    expect(once.requests).toBeGreaterThan(0);

    // Ten more of the same shape, each posted to both processes at the same moment, then retried
    // to both again: every answer is 200 (committed), and the totals grow as if each came once.
    const bodies = Array.from({ length: 10 }, (_, i) => batch(10 + i));
    for (let round = 0; round < 2; round++) {
      const statuses = await Promise.all(bodies.flatMap((body) => [post(first, body), post(second, body)]));
      expect(statuses.every((status) => status === 200)).toBe(true);
    }
    const after = await totals();
    expect(after.spans).toBe(1_000);
    expect(after.distinct).toBe(1_000);
    expect(after.requests).toBe(2 * once.requests);
  }, 120_000);
});
