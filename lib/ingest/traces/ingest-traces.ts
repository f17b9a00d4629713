// The one trace ingest path behind every transport (OTLP/HTTP and OTLP/gRPC):
// decode → normalise → queue for a group commit → resolve once committed.

import { isDatabaseMigrated } from "@/lib/db/readiness";
import { type IngestQueue, IngestUnavailableError } from "@/lib/ingest/shared/ingest-queue";
import { normalizeTraceRequest } from "@/lib/ingest/traces/normalize-spans";
import { decodeTraceRequestJson } from "@/lib/otlp/decode-traces-json";
import { decodeTraceRequestProto } from "@/lib/otlp/decode-traces-proto";

export type OtlpEncoding = "protobuf" | "json";

export interface PartialSuccess {
  rejected: number;
  errorMessage: string;
}

export interface TraceIngestOptions {
  maxPastNanos: bigint;
  maxFutureNanos: bigint;
}

export class TraceIngest {
  constructor(
    private readonly queue: IngestQueue,
    private readonly options: TraceIngestOptions,
  ) {}

  /**
   * Stores the spans of one ExportTraceServiceRequest. Resolves after they are committed, with
   * what was rejected as invalid; throws OtlpDecodeError for a malformed body and the queue's
   * errors when the store cannot take it now.
   */
  async ingest(body: Uint8Array, encoding: OtlpEncoding): Promise<PartialSuccess | null> {
    if (!isDatabaseMigrated())
      throw new IngestUnavailableError("the database is not ready yet; retry shortly");
    const request = encoding === "json" ? decodeTraceRequestJson(body) : decodeTraceRequestProto(body);
    const batch = normalizeTraceRequest(request, {
      nowUnixNano: BigInt(Date.now()) * 1_000_000n,
      maxPastNanos: this.options.maxPastNanos,
      maxFutureNanos: this.options.maxFutureNanos,
    });
    await this.queue.submit(batch.spans, batch.resources);
    return batch.rejectedSpans > 0
      ? { rejected: batch.rejectedSpans, errorMessage: batch.rejectionMessage }
      : null;
  }
}
