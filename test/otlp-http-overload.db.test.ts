// The retryable answers: 429 + Retry-After when the ingest queue is full, 503 + Retry-After while
// the database is not migrated yet. Each runs its own Tracewell with its own database, and checks
// that what was acknowledged is stored and what was refused is not.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { findFreePort } from "@/lib/db/embedded-postgres";
import { makeTraceExport } from "@/test/fixtures/otlp-fixtures";
import { eventually } from "@/test/support/eventually";
import { createTestDatabase } from "@/test/support/test-database";
import { startTracewellProcess } from "@/test/support/tracewell-process";

const PROTOBUF = { "Content-Type": "application/x-protobuf" };

describe("OTLP/HTTP under overload", () => {
  it("answers 429 with Retry-After when more spans wait than INGEST_MAX_QUEUED_SPANS, and stores every acknowledged span", async () => {
    const database = await createTestDatabase();
    const server = await startTracewellProcess({
      databaseUrl: database.url,
      env: { INGEST_MAX_QUEUED_SPANS: "600", INGEST_WRITERS: "1", INGEST_BATCH_MAX_SPANS: "500" },
    });
    const db = new pg.Pool({ connectionString: database.url, max: 1 });
    try {
      const batches = Array.from({ length: 24 }, () => makeTraceExport({ spans: 500 }));
      const responses = await Promise.all(
        batches.map((batch) =>
          fetch(`${server.otlpHttpUrl}/v1/traces`, {
            method: "POST",
            body: batch.protobuf as BodyInit,
            headers: PROTOBUF,
          }),
        ),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses).toContain(200);
      expect(statuses).toContain(429);
      expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
      const refused = responses.find((response) => response.status === 429);
      expect(refused?.headers.get("retry-after")).toBe("1");
      expect(Buffer.from(await (refused as Response).arrayBuffer()).toString()).toMatch(/queue is full/);

      const stored = async (batch: (typeof batches)[number]) => {
        const ids = [...new Set(batch.spans.map((span) => span.spanContext().traceId))].map((id) =>
          Buffer.from(id, "hex"),
        );
        const { rows } = await db.query("SELECT count(*)::int AS n FROM spans WHERE trace_id = ANY($1)", [
          ids,
        ]);
        return rows[0].n as number;
      };
      for (const [index, batch] of batches.entries()) {
        expect(await stored(batch), `batch ${index} answered ${statuses[index]}`).toBe(
          statuses[index] === 200 ? 500 : 0,
        );
      }
    } finally {
      await db.end();
      await server.stop();
      await database.drop();
    }
  }, 60_000);

  it("answers 503 with Retry-After (and /api/health 503) until migrations are applied, then accepts", async () => {
    const database = await createTestDatabase();
    // Hold the migration lock, as another Tracewell process migrating the database would.
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock(7240019001)");
    const ports = { port: await findFreePort(), otlpHttpPort: await findFreePort() };
    const starting = startTracewellProcess({ databaseUrl: database.url, ports });
    try {
      const health = await eventually(() => fetch(`http://127.0.0.1:${ports.port}/api/health`), 30_000, 200);
      expect(health.status).toBe(503);
      expect((await health.json()).status).toBe("unavailable");
      const early = await fetch(`http://127.0.0.1:${ports.otlpHttpPort}/v1/traces`, {
        method: "POST",
        body: makeTraceExport().protobuf as BodyInit,
        headers: PROTOBUF,
      });
      expect(early.status).toBe(503);
      expect(early.headers.get("retry-after")).toBe("5");

      await holder.query("SELECT pg_advisory_unlock(7240019001)");
      const server = await starting;
      expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200);
      const later = await fetch(`${server.otlpHttpUrl}/v1/traces`, {
        method: "POST",
        body: makeTraceExport().protobuf as BodyInit,
        headers: PROTOBUF,
      });
      expect(later.status).toBe(200);
    } finally {
      await holder.end();
      await (await starting.catch(() => null))?.stop();
      await database.drop();
    }
  }, 60_000);
});
