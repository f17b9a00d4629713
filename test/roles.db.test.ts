// TRACEWELL_ROLES splits one Tracewell into processes sharing one database: here an ingest-only
// process receives spans from the official exporter, and a web+worker process serves them and
// runs the analysis (cache attribution) over them. The ingest process runs at a lower CPU priority
// (INGEST_NICE, default 10), it and its PostgreSQL backends, the dashboard's at the normal one.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endpointsResponseSchema } from "@/lib/contracts/endpoint-schemas";
import { sendCartRequests } from "@/test/support/send-spans";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { startTracewellProcess, type TracewellProcess } from "@/test/support/tracewell-process";

let database: TestDatabase;
let ingest: TracewellProcess;
let web: TracewellProcess;

beforeAll(async () => {
  database = await createTestDatabase();
  // Both start at once: migrations are applied once, under the advisory lock.
  [ingest, web] = await Promise.all([
    startTracewellProcess({ databaseUrl: database.url, env: { TRACEWELL_ROLES: "ingest" } }),
    startTracewellProcess({
      databaseUrl: database.url,
      env: { TRACEWELL_ROLES: "web,worker", ANALYSIS_QUIET_PERIOD: "500ms" },
    }),
  ]);
}, 120_000);
afterAll(async () => {
  await Promise.all([ingest?.stop(), web?.stop()]);
  await database?.drop();
});

describe("roles", () => {
  it("runs only the listeners of its roles", () => {
    expect(ingest.ports.port).toBeNull();
    expect(ingest.ports.otlpHttpPort).toEqual(expect.any(Number));
    expect(ingest.ports.otlpGrpcPort).toEqual(expect.any(Number));
    expect(web.ports.port).toEqual(expect.any(Number));
    expect(web.ports.otlpHttpPort).toBeNull();
    expect(web.ports.otlpGrpcPort).toBeNull();
  });

  it("an ingest process stores what a web+worker process serves and analyses", async () => {
    const now = Date.now();
    await sendCartRequests(ingest.otlpHttpUrl, "roles-shop", now);

    const deadline = Date.now() + 30_000;
    for (;;) {
      const response = await fetch(
        `${web.baseUrl}/api/endpoints?service=roles-shop&from=${now - 60_000}&to=${now + 60_000}`,
      );
      const cart = endpointsResponseSchema.parse(await response.json()).endpoints[0];
      if (cart?.cacheHitRatio !== null && cart?.cacheHitRatio !== undefined) {
        expect(cart).toMatchObject({ endpoint: "GET /cart", count: 4, cacheLookups: 4, cacheHitRatio: 0.75 });
        break;
      }
      if (Date.now() > deadline) throw new Error(`no cache ratio from the worker: ${JSON.stringify(cart)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  it("runs the ingest process and its database backends at a lower CPU priority, the dashboard's not", async () => {
    const ingestPid = ingest.child.pid as number;
    const webPid = web.child.pid as number;
    // every thread of the process (V8's and libuv's helpers too), not only the main one
    for (const task of readdirSync(`/proc/${ingestPid}/task`)) {
      expect(niceness(`/proc/${ingestPid}/task/${task}/stat`), `ingest thread ${task}`).toBe(10);
    }
    expect(niceness(`/proc/${webPid}/stat`)).toBe(0);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number; application_name: string }>(
        `SELECT pid, application_name FROM pg_stat_activity
         WHERE datname = current_database() AND application_name LIKE 'tracewell%'`,
      );
      // A database on another machine (TEST_DATABASE_URL) has no backends here to look at.
      const local = (pid: number) =>
        existsSync(`/proc/${pid}/comm`) && readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres";
      const backends = (name: string) =>
        rows.filter((row) => row.application_name === name && local(row.pid)).map((row) => row.pid);
      expect(rows.filter((row) => row.application_name === "tracewell ingest").length).toBeGreaterThan(0);
      for (const pid of backends("tracewell ingest"))
        expect(niceness(`/proc/${pid}/stat`), `backend ${pid}`).toBe(10);
      for (const pid of backends("tracewell web,worker"))
        expect(niceness(`/proc/${pid}/stat`), `backend ${pid}`).toBe(0);
    } finally {
      await client.end();
    }
  });
});

/** A process's or thread's niceness: field 19 of /proc/…/stat (the 17th after the command's closing parenthesis). */
function niceness(statFile: string): number {
  const stat = readFileSync(statFile, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
}
