// Without DATABASE_URL, Tracewell runs its own PostgreSQL under DATA_DIR: data survives a clean
// restart, SIGTERM stops the database too, and after the server is SIGKILLed (its postmaster
// left running) the next start takes over cleanly — nothing acknowledged is lost.
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeTraceExport } from "@/test/fixtures/otlp-fixtures";
import { startTracewellProcess, type TracewellProcess } from "@/test/support/tracewell-process";

describe("embedded PostgreSQL", () => {
  it("keeps data across a clean restart and a SIGKILL of the server", async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "tracewell-embedded-"));
    // PostgreSQL runs as its own OS user when Tracewell runs as root: it must reach the directory.
    await fs.chmod(dataDir, 0o755);
    const start = () => startTracewellProcess({ databaseUrl: "", env: { DATA_DIR: dataDir } });
    const traceCount = async (server: TracewellProcess, traceId: string) =>
      (await fetch(`${server.baseUrl}/api/traces/${traceId}`)).status === 200
        ? ((await (await fetch(`${server.baseUrl}/api/traces/${traceId}`)).json()).spans.length as number)
        : 0;
    let server: TracewellProcess | undefined;
    try {
      server = await start();
      const batch = makeTraceExport({ spans: 5 });
      const traceId = batch.spans[0]?.spanContext().traceId as string;
      const sent = await fetch(`${server.otlpHttpUrl}/v1/traces`, {
        method: "POST",
        body: batch.protobuf as BodyInit,
        headers: { "Content-Type": "application/x-protobuf" },
      });
      expect(sent.status).toBe(200);

      // Clean stop: exit 0, and the database is shut down with it (no postmaster.pid left).
      expect(await server.stop()).toBe(0);
      expect(existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);

      server = await start();
      expect(await traceCount(server, traceId)).toBe(5);

      // Crash: the server dies at once; its postmaster survives and holds the data directory.
      server.child.kill("SIGKILL");
      await server.stop();
      expect(existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(true);

      server = await start();
      expect(await traceCount(server, traceId)).toBe(5);
      expect(await server.stop()).toBe(0);
      server = undefined;
    } finally {
      await server?.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
