// Scope attributes and Metric.metadata reach metric_series. The JS SDK sends neither, so the
// bodies are hand-made OTLP/JSON (the protobuf decoder reads the same fields: decode-common-proto.ts
// readScope, decode-metrics-proto.ts readMetric).
import { describe, expect, it } from "vitest";
import { decodeMetricsRequestJson } from "@/lib/otlp/decode-metrics-json";
import { normalizeMetricsRequest } from "./normalize-metrics";

const now = BigInt(Date.now()) * 1_000_000n;
const opts = { nowUnixNano: now, maxPastNanos: 86_400_000_000_000n, maxFutureNanos: 3_600_000_000_000n };
const kv = (key: string, value: string) => ({ key, value: { stringValue: value } });

function body(scopeAttributes: { key: string; value: { stringValue: string } }[]) {
  return JSON.stringify({
    resourceMetrics: [
      {
        resource: { attributes: [kv("service.name", "svc")] },
        scopeMetrics: [
          {
            scope: { name: "lib", version: "1.0", attributes: scopeAttributes },
            metrics: [
              {
                name: "pool.size",
                metadata: [kv("source", "sdk")],
                gauge: { dataPoints: [{ timeUnixNano: now.toString(), asDouble: 3 }] },
              },
            ],
          },
        ],
      },
    ],
  });
}

describe("scope attributes and metadata", () => {
  it("are stored on the series; scope attributes are part of its identity", () => {
    const withScope = normalizeMetricsRequest(decodeMetricsRequestJson(body([kv("team", "core")])), opts);
    expect(withScope.series[0]).toMatchObject({
      scopeName: "lib",
      scopeAttributesJson: '{"team":"core"}',
      metadataJson: '{"source":"sdk"}',
    });
    const without = normalizeMetricsRequest(decodeMetricsRequestJson(body([])), opts);
    expect(without.series[0]?.scopeAttributesJson).toBe("{}");
    expect(without.series[0]?.seriesId).not.toBe(withScope.series[0]?.seriesId);
  });
});
