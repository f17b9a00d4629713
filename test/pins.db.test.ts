// Pinned traces survive retention: two traces sent six days back with the official exporter, one
// pinned (and then joined by a late span), then a retention run with a five-day SPAN_RETENTION
// drops their day. The pinned trace still opens whole; the other one is gone (404).
//
//   checkout SERVER  "GET /orders/{id}"      pinned
//   └── db CLIENT    "SELECT orders"         (+ "late child", sent after the pin)
//   checkout SERVER  "GET /orders/{id}"      not pinned
import { randomBytes } from "node:crypto";
import { ROOT_CONTEXT, type Span, SpanKind, trace } from "@opentelemetry/api";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { pinResponseSchema, pinsResponseSchema } from "@/lib/contracts/pin-schemas";
import { traceResponseSchema } from "@/lib/contracts/trace-schema";
import { applyRetention } from "@/lib/jobs/apply-retention";
import { makeExporter, sendSpans } from "./support/send-spans";

const { baseUrl, otlpHttpUrl, databaseUrl } = inject("tracewell");
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
afterAll(() => pool.end());

const DAY = 86_400_000;
const service = `pins-${randomBytes(3).toString("hex")}`;
const sixDaysAgo = Date.now() - 6 * DAY;

async function request(method: string, path: string, body?: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe("pins", () => {
  it("keep a pinned trace whole across a retention run; an unpinned one expires", async () => {
    let pinnedRoot: Span | undefined;
    const sent = await sendSpans(
      makeExporter("http/protobuf", otlpHttpUrl),
      (tracer) => {
        for (const offset of [0, 60_000]) {
          const root = tracer.startSpan(
            "GET /orders/{id}",
            { kind: SpanKind.SERVER, startTime: sixDaysAgo + offset },
            ROOT_CONTEXT,
          );
          tracer
            .startSpan(
              "SELECT orders",
              { kind: SpanKind.CLIENT, startTime: sixDaysAgo + offset + 1 },
              trace.setSpan(ROOT_CONTEXT, root),
            )
            .end(sixDaysAgo + offset + 5);
          root.end(sixDaysAgo + offset + 10);
          pinnedRoot ??= root;
        }
      },
      { "service.name": service },
    );
    const pinnedId = pinnedRoot?.spanContext().traceId as string;
    const otherId = sent.map((span) => span.spanContext().traceId).find((id) => id !== pinnedId) as string;

    // Pin with a note and a name; an empty body pins anonymously; bad input is refused.
    const pinned = await request("POST", `/api/traces/${pinnedId}/pin`, {
      note: "slow checkout, incident 42",
      pinnedBy: "ana",
    });
    expect(pinned.status).toBe(200);
    expect(pinResponseSchema.parse(pinned.body).pin).toMatchObject({
      traceId: pinnedId,
      note: "slow checkout, incident 42",
      pinnedBy: "ana",
      spanCount: 2,
      rootService: service,
    });
    expect((await request("POST", `/api/traces/${"0".repeat(32)}/pin`)).status).toBe(404);
    expect((await request("POST", "/api/traces/xyz/pin")).status).toBe(400);
    expect((await request("POST", `/api/traces/${pinnedId}/pin`, "not an object")).status).toBe(400);

    // A span of the pinned trace arrives after the pin: the retention run must keep it too.
    await sendSpans(
      makeExporter("http/protobuf", otlpHttpUrl),
      (tracer) => {
        tracer
          .startSpan(
            "late child",
            { kind: SpanKind.INTERNAL, startTime: sixDaysAgo + 6 },
            trace.setSpan(ROOT_CONTEXT, pinnedRoot as Span),
          )
          .end(sixDaysAgo + 8);
      },
      { "service.name": service },
    );

    const result = await applyRetention(pool, { spansMs: 5 * DAY, rollupsMs: 90 * DAY });
    expect(result?.droppedPartitions.length).toBeGreaterThan(0);
    const left = await pool.query("SELECT count(*)::int AS n FROM spans WHERE trace_id = decode($1, 'hex')", [
      pinnedId,
    ]);
    expect(left.rows[0].n).toBe(0);

    const kept = await request("GET", `/api/traces/${pinnedId}`);
    expect(kept.status).toBe(200);
    expect(
      traceResponseSchema
        .parse(kept.body)
        .spans.map((span) => span.name)
        .sort(),
    ).toEqual(["GET /orders/{id}", "SELECT orders", "late child"]);

    const expired = await request("GET", `/api/traces/${otherId}`);
    expect(expired.status).toBe(404);
    expect((expired.body as { error: string }).error).toContain("SPAN_RETENTION");

    const pins = pinsResponseSchema.parse((await request("GET", "/api/pins")).body).pins;
    expect(pins.find((pin) => pin.traceId === pinnedId)).toMatchObject({
      note: "slow checkout, incident 42",
      spanCount: 3,
    });

    // Past retention the note can still change; unpinning lets the trace go for good.
    const renamed = await request("POST", `/api/traces/${pinnedId}/pin`, {});
    expect(pinResponseSchema.parse(renamed.body).pin).toMatchObject({ note: "", pinnedBy: "anonymous" });
    expect(
      pinResponseSchema.parse((await request("GET", `/api/traces/${pinnedId}/pin`)).body).pin,
    ).not.toBeNull();
    expect((await request("DELETE", `/api/traces/${pinnedId}/pin`)).status).toBe(200);
    expect((await request("DELETE", `/api/traces/${pinnedId}/pin`)).status).toBe(404);
    expect((await request("GET", `/api/traces/${pinnedId}`)).status).toBe(404);
    expect(
      pinResponseSchema.parse((await request("GET", `/api/traces/${pinnedId}/pin`)).body).pin,
    ).toBeNull();
  });
});
