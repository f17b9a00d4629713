// The first minute with `npm start` (issue 16): the output says where to point an exporter (the
// base endpoint, not /v1/traces) and what to do next; a taken port names the variable to change;
// Ctrl-C (SIGINT to the whole process group, the embedded PostgreSQL included) prints nothing
// alarming and stops the ingest child too; BUDGETS_FILE is loaded (and said) once, not by both.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { makeTraceExport } from "@/test/fixtures/otlp-fixtures";
import { startTracewellProcess, type TracewellProcess } from "@/test/support/tracewell-process";

const { baseUrl, databaseUrl } = inject("tracewell");

describe("npm start", () => {
  it("refuses a taken PORT by naming the variable", async () => {
    const taken = Number(new URL(baseUrl).port);
    await expect(startTracewellProcess({ databaseUrl, env: { PORT: String(taken) } })).rejects.toThrow(
      new RegExp(`Port ${taken} on 127\\.0\\.0\\.1 is already in use \\(PORT\\)`),
    );
  }, 60_000);

  it("prints the base OTLP endpoint and a next step, and stops on Ctrl-C without a database error", async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "tracewell-ctrl-c-"));
    await fs.chmod(dataDir, 0o755);
    let server: TracewellProcess | undefined;
    try {
      const budgets = path.join(dataDir, "budgets.yaml");
      await fs.writeFile(budgets, "budgets:\n  - service: shop\n    endpoint: GET /cart\n    p95Ms: 300\n");
      // as `npm start` runs by default: ingest and the worker in a child process
      server = await startTracewellProcess({
        databaseUrl: "",
        env: { DATA_DIR: dataDir, INGEST_PROCESS: "separate", BUDGETS_FILE: budgets },
        detached: true,
      });
      const { otlpHttpPort, port } = server.ports;
      expect(server.output).toContain(
        `Next step: start a service with OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:${otlpHttpPort}, then open http://localhost:${port}`,
      );
      expect(server.output.join("\n")).not.toMatch(/OTLP\/HTTP receiver on \S+\/v1\/traces/);
      // Loaded once, by the dashboard process; its ingest child shares the database.
      expect(server.output.filter((line) => line.includes("budget(s) from BUDGETS_FILE"))).toHaveLength(1);

      // Pooled connections sit idle when Ctrl-C arrives, as after any use of the dashboard.
      const batch = makeTraceExport({ spans: 3 });
      const sent = await fetch(`${server.otlpHttpUrl}/v1/traces`, {
        method: "POST",
        body: batch.protobuf as BodyInit,
        headers: { "Content-Type": "application/x-protobuf" },
      });
      expect(sent.status).toBe(200);
      expect((await fetch(`${server.baseUrl}/api/services`)).status).toBe(200);

      const exited = new Promise<number | null>((resolve) => server?.child.once("exit", resolve));
      process.kill(-(server.child.pid as number), "SIGINT");
      expect(await exited).toBe(0);
      const printed = server.output.join("\n");
      expect(printed).not.toContain("idle client error");
      expect(printed).not.toContain("administrator command");
      server = undefined;
    } finally {
      await server?.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
