// DATABASE_REPLICA_URL (#21): the dashboard's reads (GET /api/*) go to a streaming replica, and
// everything that writes — ingest, pins, migrations, retention, analysis — to the primary. Proved
// on a real primary/replica pair: with WAL replay paused on the replica, a trace the official
// exporter just stored on the primary is not found through the API (it reads the replica), and it
// is once replay resumes; pinning it (a write) works while the replica is read-only.
import { ROOT_CONTEXT, SpanKind } from "@opentelemetry/api";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "@/test/support/eventually";
import { type ReplicaCluster, startReplicaCluster } from "@/test/support/replica-cluster";
import { makeExporter, sendSpans } from "@/test/support/send-spans";
import { startTracewellProcess, type TracewellProcess } from "@/test/support/tracewell-process";

let cluster: ReplicaCluster;
let tracewell: TracewellProcess;
let replica: pg.Client;

beforeAll(async () => {
  cluster = await startReplicaCluster();
  tracewell = await startTracewellProcess({
    databaseUrl: cluster.primaryUrl,
    env: { DATABASE_REPLICA_URL: cluster.replicaUrl },
  });
  replica = new pg.Client(cluster.replicaUrl);
  await replica.connect();
}, 120_000);
afterAll(async () => {
  await replica?.end();
  await tracewell?.stop();
  await cluster?.stop();
});

async function sendTrace(name: string): Promise<string> {
  const spans = await sendSpans(
    makeExporter("http/protobuf", tracewell.otlpHttpUrl),
    (tracer) => tracer.startSpan(name, { kind: SpanKind.SERVER }, ROOT_CONTEXT).end(),
    { "service.name": "replica-check" },
  );
  return spans[0]?.spanContext().traceId as string;
}

const traceStatus = async (id: string) => (await fetch(`${tracewell.baseUrl}/api/traces/${id}`)).status;

describe("DATABASE_REPLICA_URL", () => {
  it("the API reads from the replica and writes to the primary", async () => {
    const first = await sendTrace("GET /first");
    await eventually(async () => expect(await traceStatus(first)).toBe(200)); // replicated

    await replica.query("SELECT pg_wal_replay_pause()");
    try {
      const second = await sendTrace("GET /second"); // acknowledged = committed on the primary
      expect(await traceStatus(second)).toBe(404); // …not yet on the replica the API reads
      // A write goes to the primary (the replica would refuse it: read-only transaction).
      const pin = await fetch(`${tracewell.baseUrl}/api/traces/${second}/pin`, {
        method: "POST",
        body: JSON.stringify({ note: "pinned while the replica lags" }),
        headers: { "content-type": "application/json" },
      });
      expect(pin.status).toBe(200);

      await replica.query("SELECT pg_wal_replay_resume()");
      await eventually(async () => expect(await traceStatus(second)).toBe(200));
      const pins = (await (await fetch(`${tracewell.baseUrl}/api/pins`)).json()) as {
        pins: { traceId: string }[];
      };
      expect(pins.pins.map((p) => p.traceId)).toContain(second);
    } finally {
      await replica.query("SELECT pg_wal_replay_resume()").catch(() => {});
    }
  }, 120_000);
});
