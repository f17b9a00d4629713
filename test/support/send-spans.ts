// Sends spans to a running Tracewell through the official OpenTelemetry exporters, exactly as a
// user's service does, and returns what the SDK recorded so tests can compare span for span.
import { ROOT_CONTEXT, SpanKind, type Tracer, trace } from "@opentelemetry/api";
import { OTLPTraceExporter as HttpJsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-base";

export type ExporterKind = "http/protobuf" | "http/json";
type Compression = NonNullable<ConstructorParameters<typeof ProtoExporter>[0]>["compression"];

export function makeExporter(
  kind: ExporterKind,
  otlpHttpUrl: string,
  options: { gzip?: boolean } = {},
): SpanExporter {
  const config = {
    url: `${otlpHttpUrl}/v1/traces`,
    ...(options.gzip ? { compression: "gzip" as Compression } : {}),
  };
  return kind === "http/protobuf" ? new ProtoExporter(config) : new HttpJsonExporter(config);
}

export async function sendSpans(
  exporter: SpanExporter,
  build: (tracer: Tracer) => void,
  resource: Record<string, string | number | boolean> = { "service.name": "checkout" },
  options: { batched?: boolean } = {},
): Promise<ReadableSpan[]> {
  const recorded = new InMemorySpanExporter();
  const failures: string[] = [];
  const checked = recordingFailures(exporter, failures);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(resource),
    spanProcessors: [
      new SimpleSpanProcessor(recorded),
      // Batched as services usually send: one export per ≤512 spans instead of one per span.
      options.batched
        ? new BatchSpanProcessor(checked, {
            maxExportBatchSize: 512,
            maxQueueSize: 100_000,
            scheduledDelayMillis: 20,
          })
        : new SimpleSpanProcessor(checked),
    ],
  });
  build(provider.getTracer("tracewell-tests", "1.0.0"));
  await provider.forceFlush();
  // Read before shutdown: shutting the in-memory exporter down empties it.
  const spans = recorded.getFinishedSpans();
  await provider.shutdown();
  if (failures.length > 0) throw new Error(`export failed: ${failures.join("; ")}`);
  return spans;
}

/** The exporter, noting each failed export in `failures` (the SDK itself only logs them). */
export function recordingFailures(exporter: SpanExporter, failures: string[]): SpanExporter {
  return {
    export: (spans, done) =>
      exporter.export(spans, (result) => {
        if (result.error) failures.push(String(result.error));
        done(result);
      }),
    shutdown: () => exporter.shutdown(),
  };
}

export function hrTimeToNanos([seconds, nanos]: [number, number]): bigint {
  return BigInt(seconds) * 1_000_000_000n + BigInt(nanos);
}

/**
 * Four `GET /cart` requests of `service`, ending 5 s before `now`, each with a cache lookup, the
 * first a miss (cache hit ratio 0.75), sent with the official OTLP/protobuf exporter:
 *
 *   GET /cart     SERVER
 *   └── cache get  CLIENT  cache.hit = true on 3 of 4 requests
 */
export async function sendCartRequests(otlpUrl: string, service: string, now: number): Promise<void> {
  await sendSpans(
    makeExporter("http/protobuf", otlpUrl),
    (tracer) => {
      for (let i = 0; i < 4; i++) {
        const start = now - 5_000 + i * 10;
        const root = tracer.startSpan(
          "GET /cart",
          {
            kind: SpanKind.SERVER,
            startTime: start,
            attributes: { "http.request.method": "GET", "http.route": "/cart" },
          },
          ROOT_CONTEXT,
        );
        tracer
          .startSpan(
            "cache get",
            { kind: SpanKind.CLIENT, startTime: start + 1, attributes: { "cache.hit": i !== 0 } },
            trace.setSpan(ROOT_CONTEXT, root),
          )
          .end(start + 2);
        root.end(start + 5);
      }
    },
    { "service.name": service },
  );
}
