// GET /api/traces/{traceId} with a span cap: a six-span trace sent by the official exporter,
// read whole (the API contract), then capped with maxSpans: the earliest spans come back and the
// answer says how many were left out.
//
//   GET /cap SERVER 0────────────60
//   ├── step 0  INTERNAL 10─11
//   ├── step 1  INTERNAL    20─21
//   …
//   └── step 4  INTERNAL                50─51
import { randomBytes } from "node:crypto";
import { ROOT_CONTEXT, SpanKind, trace } from "@opentelemetry/api";
import { describe, expect, inject, it } from "vitest";
import { traceResponseSchema } from "@/lib/contracts/trace-schema";
import { eventually } from "./support/eventually";
import { makeExporter, sendSpans } from "./support/send-spans";

const { baseUrl, otlpHttpUrl } = inject("tracewell");
const service = `cap-${randomBytes(3).toString("hex")}`;

describe("trace span cap", () => {
  it("returns the earliest maxSpans spans and counts the rest; 400 for a bad cap", async () => {
    const t0 = Date.now() - 60_000;
    let traceId = "";
    await sendSpans(
      makeExporter("http/protobuf", otlpHttpUrl),
      (tracer) => {
        const root = tracer.startSpan("GET /cap", { kind: SpanKind.SERVER, startTime: t0 }, ROOT_CONTEXT);
        traceId = root.spanContext().traceId;
        const context = trace.setSpan(ROOT_CONTEXT, root);
        for (let i = 0; i < 5; i++) {
          tracer.startSpan(`step ${i}`, { startTime: t0 + 10 * (i + 1) }, context).end(t0 + 10 * (i + 1) + 1);
        }
        root.end(t0 + 60);
      },
      { "service.name": service },
    );

    const whole = await eventually(async () => {
      const response = await fetch(`${baseUrl}/api/traces/${traceId}`);
      const body = traceResponseSchema.parse(await response.json());
      expect(body.spans).toHaveLength(6);
      return body;
    });
    expect(whole.omittedSpanCount).toBeUndefined();

    const capped = traceResponseSchema.parse(
      await (await fetch(`${baseUrl}/api/traces/${traceId}?maxSpans=3`)).json(),
    );
    expect(capped.spans.map((s) => s.name)).toEqual(["GET /cap", "step 0", "step 1"]);
    expect(capped.spanCount).toBe(6);
    expect(capped.omittedSpanCount).toBe(3);

    // The page's cap (TRACE_PAGE_MAX_SPANS, 200,000 by default) leaves this trace whole.
    const page = traceResponseSchema.parse(
      await (await fetch(`${baseUrl}/api/traces/${traceId}?view=page`)).json(),
    );
    expect(page.spans).toHaveLength(6);
    expect(page.omittedSpanCount).toBeUndefined();

    for (const query of ["maxSpans=0", "maxSpans=abc", "view=table"]) {
      const response = await fetch(`${baseUrl}/api/traces/${traceId}?${query}`);
      expect(response.status, query).toBe(400);
    }
  });
});
