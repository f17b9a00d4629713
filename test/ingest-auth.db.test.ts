// Ingest keys (#15), with INGEST_AUTH at its default (keys required), through the official
// exporters over OTLP/HTTP and gRPC: the first start creates a key and saves it under DATA_DIR;
// no key or a wrong one is refused (401 with how to fix it / UNAUTHENTICATED) and stores nothing;
// keys made with POST /api/keys work, are listed without secrets, and once revoked (DELETE) are
// refused within 5 s; an expired key is refused; TRACEWELL_INGEST_KEY is accepted besides them
// (by a second process started with it).
import { spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Metadata, type ServiceError, status } from "@grpc/grpc-js";
import { ROOT_CONTEXT, SpanKind } from "@opentelemetry/api";
import { OTLPTraceExporter as GrpcExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createdKeySchema, keysResponseSchema } from "@/lib/contracts/key-schemas";
import { makeTraceExport } from "@/test/fixtures/otlp-fixtures";
import { eventually } from "@/test/support/eventually";
import { OtlpGrpcExportClient } from "@/test/support/grpc-export-client";
import { sendSpans } from "@/test/support/send-spans";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { startTracewellProcess, type TracewellProcess } from "@/test/support/tracewell-process";

const ENV_KEY = "ops-provided-key-0123456789";
let database: TestDatabase;
let tracewell: TracewellProcess;
let dataDir: string;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "tracewell-keys-"));
  tracewell = await startTracewellProcess({
    databaseUrl: database.url,
    env: { INGEST_AUTH: "keys", DATA_DIR: dataDir },
  });
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
}, 120_000);
afterAll(async () => {
  await pool?.end();
  await tracewell?.stop();
  await database?.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** One span through the official exporter; resolves to the span's name, rejects if refused. */
async function send(transport: "http" | "grpc", key: string | null, name: string): Promise<void> {
  const authorization: Record<string, string> = key === null ? {} : { authorization: `Bearer ${key}` };
  const metadata = new Metadata();
  if (key !== null) metadata.set("authorization", `Bearer ${key}`);
  const exporter =
    transport === "http"
      ? new ProtoExporter({ url: `${tracewell.otlpHttpUrl}/v1/traces`, headers: authorization })
      : new GrpcExporter({ url: tracewell.otlpGrpcUrl, metadata });
  await sendSpans(
    exporter,
    (tracer) => tracer.startSpan(name, { kind: SpanKind.SERVER }, ROOT_CONTEXT).end(),
    { "service.name": "keys-check" },
  );
}
const stored = async (name: string) =>
  Number((await pool.query("SELECT count(*) AS n FROM spans WHERE name = $1", [name])).rows[0].n);

async function api(method: string, route: string, body?: unknown) {
  const response = await fetch(`${tracewell.baseUrl}${route}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  return {
    status: response.status,
    body: response.status === 204 ? null : ((await response.json()) as unknown),
  };
}

describe("ingest keys", () => {
  it("the first start creates a key, saves it under DATA_DIR and says how to send with it", async () => {
    const saved = (await fs.readFile(path.join(dataDir, "ingest-key"), "utf8")).trim();
    expect(saved).toMatch(/^twk_[A-Za-z0-9_-]{32}$/);
    expect((await fs.stat(path.join(dataDir, "ingest-key"))).mode & 0o777).toBe(0o600);
    expect(tracewell.output.join("\n")).toContain(
      `OTEL_EXPORTER_OTLP_HEADERS="authorization=Bearer ${saved}"`,
    );
    for (const transport of ["http", "grpc"] as const) {
      await send(transport, saved, `GET /first-key-${transport}`);
      expect(await stored(`GET /first-key-${transport}`)).toBe(1);
    }
  });

  it("refuses an export without a key or with a wrong one, saying what to set, and stores nothing", async () => {
    for (const transport of ["http", "grpc"] as const) {
      await expect(send(transport, null, `GET /no-key-${transport}`)).rejects.toThrow();
      await expect(
        send(transport, "twk_not-a-real-key-000000000000000000", `GET /bad-${transport}`),
      ).rejects.toThrow();
      expect(await stored(`GET /no-key-${transport}`)).toBe(0);
      expect(await stored(`GET /bad-${transport}`)).toBe(0);
    }
    const raw = await fetch(`${tracewell.otlpHttpUrl}/v1/traces`, {
      method: "POST",
      body: makeTraceExport({ spans: 1 }).json as BodyInit,
      headers: { "content-type": "application/json" },
    });
    expect(raw.status).toBe(401);
    expect(raw.headers.get("www-authenticate")).toContain("Bearer");
    expect(((await raw.json()) as { message: string }).message).toMatch(
      /needs an ingest key.*Authorization: Bearer.*OTEL_EXPORTER_OTLP_HEADERS/,
    );
    const grpc = new OtlpGrpcExportClient(tracewell.otlpGrpcUrl);
    try {
      await grpc.exportTraces(makeTraceExport({ spans: 1 }).protobuf);
      expect.unreachable("a gRPC export without a key was accepted");
    } catch (error) {
      expect((error as ServiceError).code).toBe(status.UNAUTHENTICATED);
      expect((error as ServiceError).details).toMatch(/needs an ingest key/);
    } finally {
      grpc.close();
    }
  });

  it("creates, lists (no secrets), uses and revokes keys; a revoked key is refused within 5 s", async () => {
    const created = await api("POST", "/api/keys", { name: "checkout" });
    expect(created.status).toBe(201);
    const key = createdKeySchema.parse(created.body);
    expect(key.key.startsWith(key.prefix)).toBe(true);
    const second = createdKeySchema.parse(
      (await api("POST", "/api/keys", { name: "checkout, rotated" })).body,
    );

    const listed = keysResponseSchema.parse((await api("GET", "/api/keys")).body);
    expect(listed.ingestAuth).toBe("keys");
    expect(listed.keys.map((k) => k.name)).toEqual(
      expect.arrayContaining(["default", "checkout", "checkout, rotated"]),
    );
    expect(JSON.stringify(listed)).not.toContain(key.key);

    // Two keys active at once (rotation): both work.
    await send("http", key.key, "GET /with-checkout");
    await send("grpc", second.key, "GET /with-rotated");
    expect(await stored("GET /with-checkout")).toBe(1);
    expect(await stored("GET /with-rotated")).toBe(1);

    expect((await api("DELETE", `/api/keys/${key.id}`)).status).toBe(204);
    expect((await api("DELETE", "/api/keys/nope")).status).toBe(404);
    const revokedAt = Date.now();
    await eventually(() => expect(send("http", key.key, "GET /after-revoke")).rejects.toThrow(), 5_000, 250);
    expect(Date.now() - revokedAt).toBeLessThan(5_000);
    await send("http", second.key, "GET /rotated-still-works");
    expect(await stored("GET /rotated-still-works")).toBe(1);
    const revoked = keysResponseSchema
      .parse((await api("GET", "/api/keys")).body)
      .keys.find((k) => k.id === key.id);
    expect(revoked?.revokedAt).not.toBeNull();
  });

  it("refuses an expired key, accepts TRACEWELL_INGEST_KEY, and explains a bad request body", async () => {
    const expiring = createdKeySchema.parse(
      (await api("POST", "/api/keys", { name: "temp", expiresInDays: 1 })).body,
    );
    expect(Date.parse(expiring.expiresAt ?? "")).toBeGreaterThan(Date.now());
    await pool.query("UPDATE ingest_keys SET expires_at = now() - interval '1 second' WHERE id = $1", [
      expiring.id,
    ]);
    await eventually(() => expect(send("http", expiring.key, "GET /expired")).rejects.toThrow(), 5_000, 250);

    // An operator-provided key, on a second (ingest) process of the same database.
    const withEnvKey = await startTracewellProcess({
      databaseUrl: database.url,
      env: { INGEST_AUTH: "keys", TRACEWELL_ROLES: "ingest", TRACEWELL_INGEST_KEY: ENV_KEY },
    });
    try {
      await sendSpans(
        new ProtoExporter({
          url: `${withEnvKey.otlpHttpUrl}/v1/traces`,
          headers: { authorization: `Bearer ${ENV_KEY}` },
        }),
        (tracer) => tracer.startSpan("GET /env-key", { kind: SpanKind.SERVER }, ROOT_CONTEXT).end(),
      );
    } finally {
      await withEnvKey.stop();
    }
    expect(await stored("GET /env-key")).toBe(1);

    const bad = await api("POST", "/api/keys", { expiresInDays: 0 });
    expect(bad.status).toBe(400);
    expect((bad.body as { error: string }).error).toContain('{"name"');
  });

  it("the CLI creates, lists and revokes keys through the API", () => {
    const cli = (...args: string[]) => {
      const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/tracewell.ts", ...args], {
        env: { ...process.env, TRACEWELL_URL: tracewell.baseUrl },
        encoding: "utf8",
      });
      expect(result.status, result.stderr).toBe(0);
      return result.stdout;
    };
    const created = cli("keys", "create", "ci-pipeline", "--expires-in-days", "30");
    const key = /^(twk_\S+)$/m.exec(created)?.[1] as string;
    expect(key).toMatch(/^twk_[A-Za-z0-9_-]{32}$/);
    const id = /\(id ([0-9a-f]+),/.exec(created)?.[1] as string;
    expect(cli("keys", "list")).toMatch(new RegExp(`${id}\\s+${key.slice(0, 12)}…\\s+ci-pipeline\\s+active`));
    expect(cli("keys", "revoke", id)).toContain(`Revoked ingest key ${id}`);
    expect(cli("keys", "list")).toMatch(new RegExp(`${id}.*revoked`));
    const usage = spawnSync(process.execPath, ["--import", "tsx", "scripts/tracewell.ts", "nonsense"], {
      encoding: "utf8",
    });
    expect(usage.status).toBe(2);
    expect(usage.stdout).toContain("Usage: npm run tracewell -- keys create");
  }, 60_000);
});
