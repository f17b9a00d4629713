// Graceful shutdown under load: SIGTERM arrives while gRPC exports are in flight. Every export that
// was answered OK must be in the database (an acknowledgement is a promise of durability); the
// others were refused with UNAVAILABLE (or could not connect, which exporters also retry), and the
// process exits 0.
import { type ServiceError, status } from "@grpc/grpc-js";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { makeTraceExport } from "@/test/fixtures/otlp-fixtures";
import { OtlpGrpcExportClient, retryDelayOf } from "@/test/support/grpc-export-client";
import { ownTracewell } from "@/test/support/own-tracewell";

const SENDERS = 6;
const REQUESTS_PER_SENDER = 8;
const SPANS_PER_REQUEST = 500;

const own = ownTracewell();

interface Outcome {
  traceIds: string[];
  error: ServiceError | null;
  /** answered after SIGTERM was sent */
  late: boolean;
}

describe("OTLP/gRPC graceful shutdown", () => {
  it("keeps every acknowledged export when SIGTERM arrives mid-burst, refuses the rest, exits 0", async () => {
    const batches = Array.from({ length: SENDERS * REQUESTS_PER_SENDER }, () =>
      makeTraceExport({ spans: SPANS_PER_REQUEST }),
    );
    const outcomes: Outcome[] = [];
    let firstAnswer: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      firstAnswer = resolve;
    });

    let next = 0;
    let signalled = false;
    const burst = Promise.all(
      Array.from({ length: SENDERS }, async () => {
        const client = new OtlpGrpcExportClient(own.tracewell.otlpGrpcUrl);
        try {
          while (next < batches.length) {
            const batch = batches[next++] as (typeof batches)[number];
            const traceIds = [...new Set(batch.spans.map((span) => span.spanContext().traceId))];
            try {
              await client.exportTraces(batch.protobuf, 20_000);
              outcomes.push({ traceIds, error: null, late: signalled });
            } catch (error) {
              outcomes.push({ traceIds, error: error as ServiceError, late: signalled });
            }
            firstAnswer();
          }
        } finally {
          client.close();
        }
      }),
    );

    await answered;
    const exitCode = own.tracewell.stop(); // SIGTERM, with exports still being sent and stored
    signalled = true;
    await burst;
    expect(await exitCode).toBe(0);

    const acknowledged = outcomes.filter((o) => o.error === null);
    const refused = outcomes.flatMap((o) => (o.error ? [o.error] : []));
    expect(outcomes).toHaveLength(batches.length);
    // Exports in flight at SIGTERM were finished and acknowledged; later ones were refused.
    expect(acknowledged.filter((o) => o.late).length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const error of refused) {
      // UNAVAILABLE: refused while draining (with RetryInfo), or no server to connect to any more.
      expect(error.code, error.details).toBe(status.UNAVAILABLE);
      const delay = retryDelayOf(error);
      if (delay !== null) expect(delay).toBe(5000);
    }

    const db = new pg.Pool({ connectionString: own.database.url, max: 1 });
    try {
      const { rows } = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM spans WHERE trace_id = ANY($1)",
        [acknowledged.flatMap((o) => o.traceIds.map((id) => Buffer.from(id, "hex")))],
      );
      expect(rows[0]?.n).toBe(acknowledged.length * SPANS_PER_REQUEST);
    } finally {
      await db.end();
    }
  }, 60_000);
});
