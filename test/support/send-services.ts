// Sends spans of several services at once through the official OTLP exporter, one SDK provider
// (hence one OTLP Resource) per service, so one trace can cross services as it does in production:
// a child started from another service's span context joins that span's trace.
import type { Tracer } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { recordingFailures } from "./send-spans";

export async function sendServices(
  makeExporter: () => SpanExporter,
  resources: Array<Record<string, string | number | boolean>>,
  build: (tracers: Tracer[]) => void,
): Promise<void> {
  const failures: string[] = [];
  const providers = resources.map((resource) => {
    const checked = recordingFailures(makeExporter(), failures);
    return new BasicTracerProvider({
      resource: resourceFromAttributes(resource),
      spanProcessors: [
        new BatchSpanProcessor(checked, {
          maxExportBatchSize: 512,
          maxQueueSize: 100_000,
          scheduledDelayMillis: 20,
        }),
      ],
    });
  });
  build(providers.map((provider) => provider.getTracer("tracewell-tests", "1.0.0")));
  await Promise.all(providers.map((provider) => provider.forceFlush()));
  await Promise.all(providers.map((provider) => provider.shutdown()));
  if (failures.length > 0) throw new Error(`export failed: ${failures.join("; ")}`);
}
