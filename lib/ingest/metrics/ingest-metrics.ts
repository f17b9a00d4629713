// The one metrics ingest path behind every transport (OTLP/HTTP /v1/metrics and OTLP/gRPC
// MetricsService/Export): decode → normalise → queue for a group commit → resolve once committed.

import { isDatabaseMigrated } from "@/lib/db/readiness";
import type { MetricPointRow } from "@/lib/ingest/metrics/metric-row";
import { normalizeMetricsRequest } from "@/lib/ingest/metrics/normalize-metrics";
import type { MetricRef } from "@/lib/ingest/metrics/store-metric-points";
import { type IngestQueue, IngestUnavailableError } from "@/lib/ingest/shared/ingest-queue";
import type { OtlpEncoding, PartialSuccess, TraceIngestOptions } from "@/lib/ingest/traces/ingest-traces";
import { decodeMetricsRequestJson } from "@/lib/otlp/decode-metrics-json";
import { decodeMetricsRequestProto } from "@/lib/otlp/decode-metrics-proto";

/** Points are accepted within the same time window as spans (SPAN_RETENTION, SPAN_MAX_FUTURE). */
export type MetricIngestOptions = TraceIngestOptions;

export class MetricIngest {
  constructor(
    private readonly queue: IngestQueue<MetricPointRow, MetricRef>,
    private readonly options: MetricIngestOptions,
  ) {}

  /**
   * Stores the data points of one ExportMetricsServiceRequest. Resolves after they are committed,
   * with what was rejected as invalid; throws OtlpDecodeError for a malformed body and the queue's
   * errors when the store cannot take it now.
   */
  async ingest(body: Uint8Array, encoding: OtlpEncoding): Promise<PartialSuccess | null> {
    if (!isDatabaseMigrated())
      throw new IngestUnavailableError("the database is not ready yet; retry shortly");
    const request = encoding === "json" ? decodeMetricsRequestJson(body) : decodeMetricsRequestProto(body);
    const batch = normalizeMetricsRequest(request, {
      nowUnixNano: BigInt(Date.now()) * 1_000_000n,
      maxPastNanos: this.options.maxPastNanos,
      maxFutureNanos: this.options.maxFutureNanos,
    });
    await this.queue.submit(batch.points, [...batch.series, ...batch.resources]);
    return batch.rejectionMessage !== ""
      ? { rejected: batch.rejectedDataPoints, errorMessage: batch.rejectionMessage }
      : null;
  }
}
