// Tracewell's own logs (#21): one JSON object per line (pino) at LOG_LEVEL, and never a secret or
// a request body. A process at LOG_LEVEL=debug (the most talkative level that logs requests) takes
// an export with its ingest key through the official exporter, then failing requests: a wrong key,
// and a malformed body sent with the right key. Their log lines name the refusals and show the
// request's headers with authorization redacted; neither key nor body text is in the output.
import { ROOT_CONTEXT, SpanKind } from "@opentelemetry/api";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { describe, expect, it } from "vitest";
import { eventually } from "@/test/support/eventually";
import { ownTracewell } from "@/test/support/own-tracewell";
import { sendSpans } from "@/test/support/send-spans";

const KEY = "twk_logs-test-key-0123456789abcdefghijklmn";
const WRONG_KEY = "twk_wrong-key-abcdefghijklmnopqrstuvwxyz01";
const BODY_MARKER = "body-marker-that-must-not-be-logged";
const own = ownTracewell({ env: { INGEST_AUTH: "keys", TRACEWELL_INGEST_KEY: KEY, LOG_LEVEL: "debug" } });

/** The output's JSON log lines (the start banner and TRACEWELL_READY are plain text). */
const logLines = () =>
  own.tracewell.output
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe("logs", () => {
  it("are JSON lines with a level, and carry no ingest key, Authorization header or request body", async () => {
    await sendSpans(
      new ProtoExporter({
        url: `${own.tracewell.otlpHttpUrl}/v1/traces`,
        headers: { authorization: `Bearer ${KEY}` },
      }),
      (tracer) => tracer.startSpan("GET /logged", { kind: SpanKind.SERVER }, ROOT_CONTEXT).end(),
      { "service.name": "logs-check" },
    );
    const wrongKey = await fetch(`${own.tracewell.otlpHttpUrl}/v1/traces`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${WRONG_KEY}` },
      body: JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ name: BODY_MARKER }] }] }] }),
    });
    expect(wrongKey.status).toBe(401);
    const malformed = await fetch(`${own.tracewell.otlpHttpUrl}/v1/traces`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${KEY}`, cookie: "s=secret" },
      body: `{"resourceSpans": [${BODY_MARKER}`,
    });
    expect(malformed.status).toBe(400);

    // Both refusals are logged (debug), each with the request's headers, credentials redacted.
    await eventually(async () => {
      const refused = logLines().filter((line) => String(line.msg).startsWith("export refused"));
      expect(refused.map((line) => line.status).sort()).toEqual([400, 401]);
    });
    const refused = logLines().filter((line) => String(line.msg).startsWith("export refused"));
    for (const line of refused) {
      expect(line).toMatchObject({
        level: "debug",
        component: "otlp-http",
        req: { method: "POST", url: "/v1/traces", headers: { authorization: "[Redacted]" } },
      });
    }
    expect(refused.find((line) => line.status === 400)).toMatchObject({
      req: { headers: { cookie: "[Redacted]" } },
    });
    expect(logLines().every((line) => typeof line.level === "string" && typeof line.time === "string")).toBe(
      true,
    );

    const printed = own.tracewell.output.join("\n");
    expect(printed).not.toContain(KEY);
    expect(printed).not.toContain(WRONG_KEY);
    expect(printed).not.toContain("s=secret");
    expect(printed).not.toContain(BODY_MARKER);
  }, 60_000);
});
