// SELF_TRACE=1: a Tracewell traces its own API and OTLP ingest into itself, and never its ingest
// of those very spans (no feedback loop: the count of traced ingest requests equals the
// exports users made, however many self-exports happened meanwhile).
import { SpanKind } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { endpointsResponseSchema, exemplarsResponseSchema } from "@/lib/contracts/endpoint-schemas";
import { traceResponseSchema } from "@/lib/contracts/trace-schema";
import packageJson from "@/package.json";
import { eventually } from "./support/eventually";
import { ownTracewell } from "./support/own-tracewell";
import { makeExporter, sendSpans } from "./support/send-spans";

// Export every 200 ms instead of the SDK's 5 s, so the test waits less.
const own = ownTracewell({
  env: { SELF_TRACE: "1", OTEL_BSP_SCHEDULE_DELAY: "200" },
  startTimeoutMs: 60_000,
});

const tracewellEndpoints = async () => {
  const response = await fetch(`${own.tracewell.baseUrl}/api/endpoints?service=tracewell`);
  const { endpoints } = endpointsResponseSchema.parse(await response.json());
  return new Map(endpoints.map((row) => [row.endpoint, row.count]));
};

describe("SELF_TRACE=1", () => {
  it("traces API requests with their queries, and users' ingest, but not its own ingest", async () => {
    expect(own.tracewell.output.join("\n")).toContain("SELF_TRACE: tracing Tracewell's own API and ingest");
    for (let i = 0; i < 3; i++)
      expect((await fetch(`${own.tracewell.baseUrl}/api/services`)).status).toBe(200);
    await sendSpans(makeExporter("http/protobuf", own.tracewell.otlpHttpUrl), (tracer) => {
      tracer.startSpan("GET /user", { kind: SpanKind.SERVER }).end();
    });

    const counts = await eventually(async () => {
      const seen = await tracewellEndpoints();
      expect(seen.get("GET /api/services")).toBe(3);
      expect(seen.get("POST /v1/traces")).toBe(1);
      return seen;
    });
    expect(counts.size).toBeGreaterThan(0);

    // Several more export cycles of Tracewell's own spans (each a POST /v1/traces to itself):
    // still one traced ingest request, the user's.
    await eventually(async () => {
      const seen = await tracewellEndpoints();
      expect(seen.get("GET /api/endpoints")).toBeGreaterThanOrEqual(5);
    });
    expect((await tracewellEndpoints()).get("POST /v1/traces")).toBe(1);

    const query = new URLSearchParams({ service: "tracewell", endpoint: "GET /api/services", limit: "1" });
    const { exemplars } = exemplarsResponseSchema.parse(
      await (await fetch(`${own.tracewell.baseUrl}/api/endpoints/exemplars?${query}`)).json(),
    );
    const { spans } = traceResponseSchema.parse(
      await (await fetch(`${own.tracewell.baseUrl}/api/traces/${exemplars[0]?.traceId}`)).json(),
    );
    expect(spans.some((span) => span.kind === "CLIENT" && span.name.startsWith("pg.query"))).toBe(true);
    expect(new Set(spans.map((span) => span.resource["service.version"]))).toEqual(
      new Set([packageJson.version]),
    );
  });
});
