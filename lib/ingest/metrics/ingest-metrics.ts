// Metrics ingest: OTLP metrics requests (protobuf or JSON) → data point rows (with their series and
// resources) → the metrics queue. Points are accepted within the same window as spans.
import type { MetricPointRow } from "@/lib/ingest/metrics/metric-row";
import { normalizeMetricsRequest } from "@/lib/ingest/metrics/normalize-metrics";
import type { MetricRef } from "@/lib/ingest/metrics/store-metric-points";
import type { IngestQueue } from "@/lib/ingest/shared/ingest-queue";
import { createSignalIngest, type IngestWindow, type SignalIngest } from "@/lib/ingest/shared/signal-ingest";
import { decodeMetricsRequestJson } from "@/lib/otlp/decode-metrics-json";
import { decodeMetricsRequestProto } from "@/lib/otlp/decode-metrics-proto";

export function createMetricIngest(
  queue: IngestQueue<MetricPointRow, MetricRef>,
  window: IngestWindow,
  onStored?: (accepted: number, rejected: number) => void,
): SignalIngest {
  return createSignalIngest({
    decode: { protobuf: decodeMetricsRequestProto, json: decodeMetricsRequestJson },
    normalize: (request, options) => {
      const batch = normalizeMetricsRequest(request, options);
      return {
        rows: batch.points,
        refs: [...batch.series, ...batch.resources],
        rejected: batch.rejectedDataPoints,
        rejectionMessage: batch.rejectionMessage,
      };
    },
    queue,
    window,
    onStored,
  });
}
