// A service's metrics pipeline, as users configure it: the official MeterProvider with a
// PeriodicExportingMetricReader and an OTLP metric exporter (http/json, http/protobuf or gRPC),
// cumulative or delta. `flush()` ends a collection cycle now instead of waiting for the period;
// each MetricsProcess has its own start time, like a process (re)start.
import type { Meter } from "@opentelemetry/api";
import { OTLPMetricExporter as GrpcExporter } from "@opentelemetry/exporter-metrics-otlp-grpc";
import {
  AggregationTemporalityPreference,
  OTLPMetricExporter as JsonExporter,
} from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPMetricExporter as ProtoExporter } from "@opentelemetry/exporter-metrics-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
  type ViewOptions,
} from "@opentelemetry/sdk-metrics";

export type MetricsProtocol = "http/json" | "http/protobuf" | "grpc";
export type Temporality = "cumulative" | "delta";

export interface MetricsProcess {
  meter: Meter;
  /** collects and exports now; rejects if the export failed */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

function makeExporter(
  protocol: MetricsProtocol,
  urls: { otlpHttpUrl: string; otlpGrpcUrl: string },
  temporality: Temporality,
): PushMetricExporter {
  const temporalityPreference =
    temporality === "delta"
      ? AggregationTemporalityPreference.DELTA
      : AggregationTemporalityPreference.CUMULATIVE;
  const httpConfig = { url: `${urls.otlpHttpUrl}/v1/metrics`, temporalityPreference };
  if (protocol === "http/json") return new JsonExporter(httpConfig);
  if (protocol === "http/protobuf") return new ProtoExporter(httpConfig);
  return new GrpcExporter({ url: urls.otlpGrpcUrl, temporalityPreference });
}

/** The official exporter, with its results recorded: the periodic reader only logs failures. */
export function checkedExporter(exporter: PushMetricExporter): {
  exporter: PushMetricExporter;
  failures: string[];
} {
  const failures: string[] = [];
  return {
    failures,
    exporter: {
      export: (metrics, done) =>
        exporter.export(metrics, (result) => {
          if (result.error) failures.push(String(result.error));
          done(result);
        }),
      forceFlush: () => exporter.forceFlush(),
      shutdown: () => exporter.shutdown(),
      selectAggregationTemporality: exporter.selectAggregationTemporality?.bind(exporter),
      selectAggregation: exporter.selectAggregation?.bind(exporter),
    },
  };
}

export function startMetricsProcess(options: {
  protocol: MetricsProtocol;
  temporality: Temporality;
  urls: { otlpHttpUrl: string; otlpGrpcUrl: string };
  service: string;
  views?: ViewOptions[];
}): MetricsProcess {
  const { exporter, failures } = checkedExporter(
    makeExporter(options.protocol, options.urls, options.temporality),
  );
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ "service.name": options.service }),
    readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 })],
    views: options.views ?? [],
  });
  const check = () => {
    if (failures.length > 0) throw new Error(`metrics export failed: ${failures.join("; ")}`);
  };
  return {
    meter: provider.getMeter("tracewell-tests", "1.0.0"),
    flush: async () => {
      await provider.forceFlush();
      check();
    },
    shutdown: async () => {
      await provider.shutdown();
      check();
    },
  };
}
