// Trace ingest: OTLP trace requests (protobuf or JSON) → SpanRows → the span queue.

import type { IngestQueue } from "@/lib/ingest/shared/ingest-queue";
import type { ResourceRow } from "@/lib/ingest/shared/normalize-resource";
import { createSignalIngest, type IngestWindow, type SignalIngest } from "@/lib/ingest/shared/signal-ingest";
import { normalizeTraceRequest } from "@/lib/ingest/traces/normalize-spans";
import type { SpanRow } from "@/lib/ingest/traces/span-row";
import { decodeTraceRequestJson } from "@/lib/otlp/decode-traces-json";
import { decodeTraceRequestProto } from "@/lib/otlp/decode-traces-proto";

export function createTraceIngest(
  queue: IngestQueue<SpanRow, ResourceRow>,
  window: IngestWindow,
  onStored?: (accepted: number, rejected: number) => void,
): SignalIngest {
  return createSignalIngest({
    decode: { protobuf: decodeTraceRequestProto, json: decodeTraceRequestJson },
    normalize: (request, options) => {
      const batch = normalizeTraceRequest(request, options);
      return {
        rows: batch.spans,
        refs: batch.resources,
        rejected: batch.rejectedSpans,
        rejectionMessage: batch.rejectionMessage,
      };
    },
    queue,
    window,
    onStored,
  });
}
