// OTLP/protobuf metric export requests for bench:ingest, made the way a service's SDK makes them:
// one official MeterProvider per service, collected repeatedly (each collection is one export, with
// a later time on every point), serialised by the official OTLP serialiser the exporters use. Each
// export holds, per route, a cumulative request counter and an http.server.request.duration
// histogram (the semantic-convention buckets): 2 data points per route.
import { ProtobufMetricsSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { AggregationType, MeterProvider, MetricReader } from "@opentelemetry/sdk-metrics";

const BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

class ManualReader extends MetricReader {
  protected async onShutdown(): Promise<void> {}
  protected async onForceFlush(): Promise<void> {}
}

export interface MetricExports {
  bodies: Uint8Array[];
  /** data points in all bodies */
  points: number;
}

export async function makeMetricExports(options: {
  services: number;
  routes: number;
  exports: number;
}): Promise<MetricExports> {
  const services = Array.from({ length: options.services }, (_, s) => {
    const reader = new ManualReader();
    const provider = new MeterProvider({
      resource: resourceFromAttributes({
        "service.name": `bench-metrics-${s}`,
        "service.instance.id": `i-${s}`,
      }),
      readers: [reader],
      views: [
        {
          instrumentName: "http.server.request.duration",
          aggregation: { type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: BOUNDS } },
        },
      ],
    });
    const meter = provider.getMeter("bench", "1.0.0");
    return {
      reader,
      provider,
      requests: meter.createCounter("http.server.requests"),
      duration: meter.createHistogram("http.server.request.duration", { unit: "s" }),
    };
  });
  const bodies: Uint8Array[] = [];
  let points = 0;
  for (let i = 0; i < options.exports; i++) {
    const service = services[i % services.length] as (typeof services)[number];
    for (let r = 0; r < options.routes; r++) {
      const attributes = { "http.request.method": "GET", "http.route": `/api/resource-${r}/{id}` };
      for (let k = 0; k < 5; k++) {
        service.requests.add(1, attributes);
        service.duration.record(0.002 + Math.random() * 0.3, attributes);
      }
    }
    const { resourceMetrics } = await service.reader.collect();
    const body = ProtobufMetricsSerializer.serializeRequest(resourceMetrics);
    if (!body) throw new Error("the OTLP serialiser returned nothing");
    bodies.push(body.slice());
    points += resourceMetrics.scopeMetrics.reduce(
      (n, scope) => n + scope.metrics.reduce((m, metric) => m + metric.dataPoints.length, 0),
      0,
    );
  }
  await Promise.all(services.map((s) => s.provider.shutdown()));
  return { bodies, points };
}
