// Ingest yields to the dashboard (#21): while the dashboard is in use and the event loop of the
// process serving it is slower than INGEST_YIELD_EVENT_LOOP_DELAY_MS (1 ms here: always), fewer
// ingest requests are admitted at once, down to 4; the rest get 429 + Retry-After saying why, and
// every acknowledged span is stored. bench:overload measures what it does to dashboard latency.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { makeTraceExport } from "@/test/fixtures/otlp-fixtures";
import { eventually } from "@/test/support/eventually";
import { createTestDatabase } from "@/test/support/test-database";
import { startTracewellProcess } from "@/test/support/tracewell-process";

describe("ingest yielding to the dashboard", () => {
  it("refuses with 429 + Retry-After past the narrowed limit while the dashboard is used; stores what it acknowledged", async () => {
    const database = await createTestDatabase();
    const server = await startTracewellProcess({
      databaseUrl: database.url,
      env: { INGEST_YIELD_EVENT_LOOP_DELAY_MS: "1" },
    });
    const db = new pg.Pool({ connectionString: database.url, max: 1 });
    let watching = true;
    const dashboard = (async () => {
      while (watching) await (await fetch(`${server.baseUrl}/api/services`)).arrayBuffer();
    })();
    const acknowledged: string[][] = [];
    try {
      const refusal = await eventually(
        async () => {
          const batches = Array.from({ length: 32 }, () => makeTraceExport({ spans: 20 }));
          const responses = await Promise.all(
            batches.map((batch) =>
              fetch(`${server.otlpHttpUrl}/v1/traces`, {
                method: "POST",
                body: batch.protobuf as BodyInit,
                headers: { "Content-Type": "application/x-protobuf" },
              }),
            ),
          );
          for (const [index, response] of responses.entries()) {
            if (response.status === 200) {
              acknowledged.push(
                (batches[index] as (typeof batches)[number]).spans.map((s) => s.spanContext().spanId),
              );
            }
          }
          const refused = responses.find((response) => response.status === 429);
          expect(refused).toBeDefined();
          return refused as Response;
        },
        60_000,
        100,
      );
      expect(refusal.headers.get("retry-after")).toBe("1");
      expect(Buffer.from(await refusal.arrayBuffer()).toString()).toMatch(
        /ingest is yielding to the dashboard: event-loop delay p99 \d+ ms \(INGEST_YIELD_EVENT_LOOP_DELAY_MS=1\)/,
      );
      const metrics = await (await fetch(`${server.otlpHttpUrl}/metrics`)).text();
      const limit = Number(/^tracewell_ingest_admission_limit (\d+)$/m.exec(metrics)?.[1]);
      expect(limit).toBeGreaterThanOrEqual(4);
      expect(limit).toBeLessThan(256);
      expect(acknowledged.length).toBeGreaterThan(0);
      const ids = acknowledged.flat().map((id) => Buffer.from(id, "hex"));
      const { rows } = await db.query("SELECT count(*)::int AS n FROM spans WHERE span_id = ANY($1)", [ids]);
      expect(rows[0].n).toBe(ids.length);
    } finally {
      watching = false;
      await dashboard;
      await db.end();
      await server.stop();
      await database.drop();
    }
  }, 120_000);
});
