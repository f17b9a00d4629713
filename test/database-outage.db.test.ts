// The database going away mid-ingest (#21): an external server restarted or the network cut, and
// the embedded postmaster killed. Tracewell stays up and answers 503 + Retry-After meanwhile (the
// receivers and the dashboard API alike), resumes by itself once PostgreSQL is back (the embedded
// one restarted by its supervisor), and every trace it acknowledged is stored.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ROOT_CONTEXT, SpanKind } from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import { makeTraceExport } from "@/test/fixtures/otlp-fixtures";
import { eventually } from "@/test/support/eventually";
import { makeExporter, sendSpans } from "@/test/support/send-spans";
import { startTcpProxy, type TcpProxy } from "@/test/support/tcp-proxy";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { startTracewellProcess, type TracewellProcess } from "@/test/support/tracewell-process";

let tracewell: TracewellProcess | undefined;
let proxy: TcpProxy | undefined;
let database: TestDatabase | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await tracewell?.stop();
  await proxy?.close();
  await database?.drop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  tracewell = proxy = database = dataDir = undefined;
});

/** One trace through the official exporter; its id once acknowledged (throws if the export failed). */
async function sendTrace(server: TracewellProcess, name: string): Promise<string> {
  const spans = await sendSpans(
    makeExporter("http/protobuf", server.otlpHttpUrl),
    (tracer) => tracer.startSpan(name, { kind: SpanKind.SERVER }, ROOT_CONTEXT).end(),
    { "service.name": "outage-check" },
  );
  return spans[0]?.spanContext().traceId as string;
}

async function storedSpans(server: TracewellProcess, traceId: string): Promise<number> {
  const response = await fetch(`${server.baseUrl}/api/traces/${traceId}`);
  return response.status === 200 ? ((await response.json()) as { spans: unknown[] }).spans.length : 0;
}

describe("the database going away", () => {
  it("a cut connection: 503 + Retry-After from ingest and API, then it resumes by itself", async () => {
    database = await createTestDatabase();
    const direct = new URL(database.url);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const proxied = new URL(database.url);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(proxy.port);
    tracewell = await startTracewellProcess({ databaseUrl: proxied.toString() });
    const server = tracewell;
    const before = await sendTrace(server, "GET /before");

    await proxy.cut();
    const body = makeTraceExport({ spans: 3 }).protobuf;
    const refused = await fetch(`${server.otlpHttpUrl}/v1/traces`, {
      method: "POST",
      body: body as BodyInit,
      headers: { "Content-Type": "application/x-protobuf" },
    });
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const api = await fetch(`${server.baseUrl}/api/services`);
    expect(api.status).toBe(503);
    expect(Number(api.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await api.json()) as { error: string }).error).toMatch(/database cannot be reached.*retry/i);

    await proxy.restore();
    const after = await eventually(() => sendTrace(server, "GET /after"), 30_000, 500);
    await eventually(async () => expect((await fetch(`${server.baseUrl}/api/services`)).status).toBe(200));
    expect(await storedSpans(server, before)).toBe(1);
    expect(await storedSpans(server, after)).toBe(1);
    expect(server.child.exitCode).toBeNull();
  }, 120_000);

  it("the embedded postmaster killed mid-ingest: restarted by its supervisor, nothing acknowledged lost", async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "tracewell-outage-"));
    await fs.chmod(dataDir, 0o755); // PostgreSQL runs as its own OS user when the tests run as root
    tracewell = await startTracewellProcess({ databaseUrl: "", env: { DATA_DIR: dataDir } });
    const server = tracewell;
    const acknowledged: string[] = [];
    let refused = 0;
    let killed = false;
    let acknowledgedAfterKill = 0;
    let sending = true;
    const sender = (async () => {
      for (let i = 0; sending; i++) {
        try {
          const id = await sendTrace(server, `GET /item/${i}`);
          acknowledged.push(id);
          if (killed) acknowledgedAfterKill++;
        } catch {
          refused++; // answered 503 while the database was away: never acknowledged, so not counted
        }
      }
    })();
    try {
      await eventually(async () => expect(acknowledged.length).toBeGreaterThanOrEqual(5));
      const pid = Number(
        (await fs.readFile(path.join(dataDir, "postgres", "postmaster.pid"), "utf8")).split("\n")[0],
      );
      process.kill(pid, "SIGKILL");
      killed = true;
      // Ingest resumes by itself within 30 s.
      await eventually(async () => expect(acknowledgedAfterKill).toBeGreaterThanOrEqual(5), 30_000, 250);
    } finally {
      sending = false;
      await sender;
    }
    expect(server.output.join("\n")).toMatch(
      /Embedded PostgreSQL exited unexpectedly[\s\S]*Embedded PostgreSQL restarted/,
    );
    for (const id of acknowledged) expect(await storedSpans(server, id)).toBe(1);
    console.log(
      `outage: ${acknowledged.length} traces acknowledged (${acknowledgedAfterKill} after the kill), ${refused} refused`,
    );
    expect(server.child.exitCode).toBeNull();
  }, 120_000);
});
