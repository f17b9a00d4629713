// Bad input gets the right 4xx with a message, the server stays up, and data acknowledged before
// and after is intact. Retries are idempotent; invalid spans are rejected one by one.
import { gzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeTraceExport } from "@/test/fixtures/otlp-fixtures";

const { baseUrl, otlpHttpUrl, databaseUrl } = inject("tracewell");
const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
afterAll(() => db.end());

const PROTOBUF = { "Content-Type": "application/x-protobuf" };
const JSON_TYPE = { "Content-Type": "application/json" };

function post(
  body: string | Uint8Array,
  headers: Record<string, string>,
  path = "/v1/traces",
): Promise<Response> {
  return fetch(`${otlpHttpUrl}${path}`, { method: "POST", body: body as BodyInit, headers });
}

async function spanCount(traceId: string): Promise<number> {
  const { rows } = await db.query("SELECT count(*)::int AS n FROM spans WHERE trace_id = $1", [
    Buffer.from(traceId, "hex"),
  ]);
  return rows[0].n;
}

const acknowledgedBefore = makeTraceExport({ spans: 5 });
const traceIdOf = (e: ReturnType<typeof makeTraceExport>) => e.spans[0]?.spanContext().traceId as string;

beforeAll(async () => {
  const response = await post(acknowledgedBefore.protobuf, PROTOBUF);
  expect(response.status).toBe(200);
});

describe("OTLP/HTTP error answers", () => {
  it.each<[string, () => string | Uint8Array, Record<string, string>]>([
    [
      "a truncated protobuf body",
      () => acknowledgedBefore.protobuf.slice(0, acknowledgedBefore.protobuf.length - 7),
      PROTOBUF,
    ],
    [
      "random bytes as protobuf",
      () => Uint8Array.from({ length: 256 }, (_, i) => (i * 73 + 11) % 256),
      PROTOBUF,
    ],
    ["malformed JSON", () => '{"resourceSpans": [', JSON_TYPE],
    ["JSON of the wrong shape", () => '{"resourceSpans": 42}', JSON_TYPE],
  ])("400 for %s, with a message", async (_name, body, headers) => {
    const response = await post(body(), headers);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe(headers["Content-Type"]);
    if (headers === JSON_TYPE) expect((await response.json()).message).toMatch(/malformed OTLP request/);
    else expect(Buffer.from(await response.arrayBuffer()).toString()).toMatch(/malformed OTLP request/);
  });

  it("400 for a body that claims gzip but is not", async () => {
    const response = await post(acknowledgedBefore.protobuf as Uint8Array, {
      ...PROTOBUF,
      "Content-Encoding": "gzip",
    });
    expect(response.status).toBe(400);
  });

  it("415 for an unsupported content type or encoding", async () => {
    const text = await post("hello", { "Content-Type": "text/plain" });
    expect(text.status).toBe(415);
    expect((await text.json()).message).toMatch(/application\/x-protobuf or application\/json/);
    const brotli = await post(acknowledgedBefore.protobuf as Uint8Array, {
      ...PROTOBUF,
      "Content-Encoding": "br",
    });
    expect(brotli.status).toBe(415);
  });

  it("413 for a body over the 16 MiB wire limit", async () => {
    const response = await post(new Uint8Array(17 * 1024 * 1024), PROTOBUF);
    expect(response.status).toBe(413);
  });

  it("413 for a gzip bomb (a small upload inflating past the 64 MiB limit)", async () => {
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const response = await post(bomb, { ...PROTOBUF, "Content-Encoding": "gzip" });
    expect(response.status).toBe(413);
    expect(Buffer.from(await response.arrayBuffer()).toString()).toMatch(/decompressed body exceeds/);
  });

  it("404 for an unknown OTLP path and 405 for GET", async () => {
    expect((await post("{}", JSON_TYPE, "/v1/nothing")).status).toBe(404);
    expect((await fetch(`${otlpHttpUrl}/v1/traces`)).status).toBe(405);
  });

  it("stays up and keeps what was acknowledged before and after", async () => {
    const after = makeTraceExport({ spans: 5 });
    expect((await post(after.json, JSON_TYPE)).status).toBe(200);
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
    expect(await spanCount(traceIdOf(acknowledgedBefore))).toBe(5);
    expect(await spanCount(traceIdOf(after))).toBe(5);
  });
});

describe("OTLP/HTTP durability and idempotency", () => {
  it("stores a retried request once (same body sent three times, also under /v1 on the main port)", async () => {
    const batch = makeTraceExport({ spans: 10 });
    for (const url of [otlpHttpUrl, otlpHttpUrl, baseUrl]) {
      const response = await fetch(`${url}/v1/traces`, {
        method: "POST",
        body: batch.protobuf as BodyInit,
        headers: PROTOBUF,
      });
      expect(response.status).toBe(200);
    }
    const traceIds = [...new Set(batch.spans.map((span) => span.spanContext().traceId))];
    const counts = await Promise.all(traceIds.map(spanCount));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10);
    const { rows } = await db.query("SELECT sum(span_count)::int AS n FROM traces WHERE trace_id = ANY($1)", [
      traceIds.map((id) => Buffer.from(id, "hex")),
    ]);
    expect(rows[0].n).toBe(10);
  });

  it("answers partial_success for invalid spans and keeps the valid ones", async () => {
    const valid = makeTraceExport({ spans: 1 });
    const request = JSON.parse(Buffer.from(valid.json).toString());
    const spans = request.resourceSpans[0].scopeSpans[0].spans;
    spans.push({ ...spans[0], spanId: "00000000000000zz", name: "bad id" });
    spans.push({ ...spans[0], traceId: "00000000000000000000000000000000", name: "zero trace id" });
    const response = await post(JSON.stringify(request), JSON_TYPE);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.partialSuccess.rejectedSpans).toBe("2");
    expect(body.partialSuccess.errorMessage).toMatch(/span_id|trace_id/);
    expect(await spanCount(traceIdOf(valid))).toBe(1);
  });

  it("answers an empty ExportTraceServiceResponse in the request's encoding", async () => {
    const protobuf = await post(makeTraceExport().protobuf, PROTOBUF);
    expect(protobuf.headers.get("content-type")).toBe("application/x-protobuf");
    expect((await protobuf.arrayBuffer()).byteLength).toBe(0);
    const json = await post(makeTraceExport().json, JSON_TYPE);
    expect(await json.json()).toEqual({});
  });
});
