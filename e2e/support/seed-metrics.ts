// Seeds metrics for end-to-end tests the way a user's service sends them: the official
// MeterProvider and OTLP/protobuf metric exporter. `record` draws on the meter; one export follows.
import type { Meter } from "@opentelemetry/api";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { AggregationType, MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { recordMetricsExport } from "@/test/fixtures/otlp-metrics-fixtures";
import { otlpHttpUrl } from "./seed";

/** The semantic-convention buckets of http.server.request.duration, in seconds. */
export const DURATION_BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

export async function sendMetrics(service: string, record: (meter: Meter) => void): Promise<void> {
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ "service.name": service }),
    readers: [
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: `${otlpHttpUrl()}/v1/metrics` }),
        exportIntervalMillis: 3_600_000,
      }),
    ],
    views: [
      {
        instrumentName: "http.server.request.duration",
        aggregation: {
          type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM,
          options: { boundaries: DURATION_BOUNDS },
        },
      },
    ],
  });
  record(provider.getMeter("e2e-seed", "1.0.0"));
  await provider.forceFlush();
  await provider.shutdown();
}

/**
 * A duration histogram (ms) whose point carries one exemplar linking to `trace`. The JS SDK records
 * no exemplars yet (docs/metrics.md), so the official serialiser's OTLP/JSON body gets one added,
 * as a Java or Go SDK would send it.
 */
export async function sendHistogramWithExemplar(
  service: string,
  values: readonly number[],
  exemplar: { value: number; traceId: string; spanId: string },
): Promise<void> {
  const { json } = await recordMetricsExport(
    (meter) => {
      const histogram = meter.createHistogram("http.server.duration", { unit: "ms" });
      for (const v of values) histogram.record(v, { "http.route": "/orders/{id}" });
    },
    { service },
  );
  const body = JSON.parse(new TextDecoder().decode(json));
  const point = body.resourceMetrics[0].scopeMetrics[0].metrics[0].histogram.dataPoints[0];
  point.exemplars = [
    {
      timeUnixNano: point.timeUnixNano,
      asDouble: exemplar.value,
      traceId: exemplar.traceId,
      spanId: exemplar.spanId,
    },
  ];
  const response = await fetch(`${otlpHttpUrl()}/v1/metrics`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`/v1/metrics answered ${response.status}`);
}
