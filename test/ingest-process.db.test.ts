// `npm start`'s default (INGEST_PROCESS=separate): the dashboard in one process, ingest and the
// worker in a child at a lower CPU priority. Spans sent by the official exporter to the OTLP port
// and to the dashboard's /v1/* both land and are served and analysed; SIGTERM stops both cleanly;
// a SIGKILLed parent takes its child with it.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endpointsResponseSchema } from "@/lib/contracts/endpoint-schemas";
import { eventually } from "./support/eventually";
import { sendCartRequests } from "./support/send-spans";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { startTracewellProcess, type TracewellProcess } from "./support/tracewell-process";

let database: TestDatabase;
let tracewell: TracewellProcess;

const env = { INGEST_PROCESS: "separate", ANALYSIS_QUIET_PERIOD: "500ms" };

/** The child processes of `pid` (their command lines' roles are in the environment). */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}
const rolesOf = (pid: number) =>
  readFileSync(`/proc/${pid}/environ`, "utf8")
    .split("\0")
    .find((entry) => entry.startsWith("TRACEWELL_ROLES="));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  database = await createTestDatabase();
  tracewell = await startTracewellProcess({ databaseUrl: database.url, env });
}, 120_000);
afterAll(async () => {
  await tracewell?.stop();
  await database?.drop();
});

describe("INGEST_PROCESS=separate", () => {
  it("runs ingest and the worker in a child process at a lower CPU priority", () => {
    const pid = tracewell.child.pid as number;
    expect(rolesOf(pid)).not.toBe("TRACEWELL_ROLES=ingest,worker");
    const [ingest, ...others] = childrenOf(pid).filter(
      (child) => rolesOf(child) === "TRACEWELL_ROLES=ingest,worker",
    );
    expect(others).toEqual([]);
    if (ingest === undefined) throw new Error("no ingest child");
    const stat = readFileSync(`/proc/${ingest}/stat`, "utf8");
    expect(Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16])).toBe(10);
    expect(tracewell.ports.otlpHttpPort).toEqual(expect.any(Number));
    expect(tracewell.ports.otlpGrpcPort).toEqual(expect.any(Number));
  });

  it("stores what the OTLP port and the dashboard's /v1/* receive, and the worker analyses it", async () => {
    const now = Date.now();
    await sendCartRequests(tracewell.otlpHttpUrl, "separate-otlp-port", now);
    await sendCartRequests(tracewell.baseUrl, "separate-web-port", now);
    for (const service of ["separate-otlp-port", "separate-web-port"]) {
      await eventually(async () => {
        const response = await fetch(
          `${tracewell.baseUrl}/api/endpoints?service=${service}&from=${now - 60_000}&to=${now + 60_000}`,
        );
        const [cart] = endpointsResponseSchema.parse(await response.json()).endpoints;
        // the cache hit ratio comes from the worker's attribution, in the child
        expect(cart).toMatchObject({ endpoint: "GET /cart", count: 4, cacheLookups: 4, cacheHitRatio: 0.75 });
      }, 30_000);
    }
  });

  it("stops both on SIGTERM, and a SIGKILLed parent takes its child with it", async () => {
    const second = await startTracewellProcess({ databaseUrl: database.url, env });
    const pid = second.child.pid as number;
    const [child] = childrenOf(pid);
    if (child === undefined) throw new Error("no ingest child");
    process.kill(pid, "SIGKILL");
    await eventually(async () => expect(alive(child)).toBe(false), 30_000);

    const third = await startTracewellProcess({ databaseUrl: database.url, env });
    const [thirdChild] = childrenOf(third.child.pid as number);
    if (thirdChild === undefined) throw new Error("no ingest child");
    expect(await third.stop()).toBe(0);
    expect(alive(thirdChild)).toBe(false);
  }, 120_000);
});
