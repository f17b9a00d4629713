// Redaction at ingest (#15), with the official SDKs: a span, its event and its resource, and a
// metric's data point attributes carrying the default sensitive keys, a configured key and a value
// pattern (a card number) are stored with "[REDACTED]" in their place; the rest is untouched.
import { ROOT_CONTEXT, SpanKind } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { ownTracewell } from "@/test/support/own-tracewell";
import { startMetricsProcess } from "@/test/support/send-metrics";
import { makeExporter, sendSpans } from "@/test/support/send-spans";

const own = ownTracewell({
  env: { REDACT_ATTRIBUTE_KEYS: "ssn", REDACT_VALUE_PATTERNS: '["\\\\b(?:\\\\d[ -]?){13,16}\\\\b"]' },
});

describe("redaction at ingest", () => {
  it("stores [REDACTED] for sensitive keys, configured keys and value patterns, in spans, events, resources and metrics", async () => {
    await sendSpans(
      makeExporter("http/protobuf", own.tracewell.otlpHttpUrl),
      (tracer) => {
        const span = tracer.startSpan(
          "POST /pay",
          {
            kind: SpanKind.SERVER,
            attributes: {
              "http.request.header.authorization": ["Bearer live-secret"],
              "http.request.header.cookie": ["session=abc"],
              "customer.ssn": "123-45-6789",
              "db.statement": "INSERT INTO cards VALUES ('4111 1111 1111 1111')",
              "http.route": "/pay",
            },
          },
          ROOT_CONTEXT,
        );
        span.addEvent("login", { "user.password": "hunter2", "user.id": "u1" });
        span.end();
      },
      { "service.name": "pay", "deploy.api_key": "k-123" },
    );
    const { rows } = await own.pool.query(
      `SELECT s.attributes, s.events, r.attributes AS resource
       FROM spans s JOIN resources r ON r.id = s.resource_id WHERE s.name = 'POST /pay'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].attributes).toEqual({
      "http.request.header.authorization": "[REDACTED]",
      "http.request.header.cookie": "[REDACTED]",
      "customer.ssn": "[REDACTED]",
      "db.statement": "INSERT INTO cards VALUES ('[REDACTED]')",
      "http.route": "/pay",
    });
    expect(rows[0].events[0].attributes).toEqual({ "user.password": "[REDACTED]", "user.id": "u1" });
    expect(rows[0].resource).toMatchObject({ "service.name": "pay", "deploy.api_key": "[REDACTED]" });

    const metrics = startMetricsProcess({
      protocol: "http/protobuf",
      temporality: "cumulative",
      urls: own.tracewell,
      service: "pay-metrics",
    });
    metrics.meter.createCounter("logins").add(1, { "auth.token": "t-1", outcome: "ok" });
    await metrics.shutdown();
    const series = await own.pool.query("SELECT attributes FROM metric_series WHERE metric_name = 'logins'");
    expect(series.rows[0].attributes).toEqual({ "auth.token": "[REDACTED]", outcome: "ok" });
    expect(JSON.stringify(rows) + JSON.stringify(series.rows)).not.toMatch(
      /live-secret|hunter2|4111|123-45|k-123|t-1/,
    );
  });
});
