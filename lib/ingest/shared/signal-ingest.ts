// The one ingest path behind every transport and signal: decode → normalise → queue for a group
// commit → resolve once committed. Traces and metrics differ only in their decoders, normaliser
// and queue (lib/ingest/traces/ingest-traces.ts, lib/ingest/metrics/ingest-metrics.ts).
import { isDatabaseMigrated } from "@/lib/db/readiness";
import type { WindowOptions } from "@/lib/ingest/shared/accepted-window";
import { type IngestQueue, IngestUnavailableError } from "@/lib/ingest/shared/ingest-queue";

export type OtlpEncoding = "protobuf" | "json";

/** Who sent a request, as decided by the receivers' authorize step (lib/ingest/receivers/authorize.ts). */
export interface IngestPrincipal {
  /** the ingest key's id; null when ingest is open (INGEST_AUTH=open) */
  readonly keyId: string | null;
  /** for logs and limits: the key's name, or "open" */
  readonly label: string;
}

export interface IngestRequest {
  body: Uint8Array;
  encoding: OtlpEncoding;
  principal: IngestPrincipal;
}

/** What was refused as invalid in an accepted request: OTLP partial_success. */
export interface PartialSuccess {
  rejected: number;
  errorMessage: string;
}

export interface SignalIngest {
  /**
   * Stores one export request. Resolves after its rows are committed, with what was rejected as
   * invalid; throws OtlpDecodeError for a malformed body and the queue's errors when the store
   * cannot take it now.
   */
  ingest(request: IngestRequest): Promise<PartialSuccess | null>;
}

/** Data is accepted from now − maxPastNanos (retention) to now + maxFutureNanos (clock skew). */
export interface IngestWindow {
  maxPastNanos: bigint;
  maxFutureNanos: bigint;
}

export interface Normalized<Row, Ref> {
  rows: Row[];
  refs: Ref[];
  rejected: number;
  rejectionMessage: string;
}

export function createSignalIngest<Request, Row, Ref>(parts: {
  decode: Record<OtlpEncoding, (body: Uint8Array) => Request>;
  normalize: (request: Request, window: WindowOptions) => Normalized<Row, Ref>;
  queue: IngestQueue<Row, Ref>;
  window: IngestWindow;
  /** told of every stored request: rows accepted (committed) and rejected as invalid (self-metrics) */
  onStored?: (accepted: number, rejected: number) => void;
}): SignalIngest {
  return {
    async ingest({ body, encoding }) {
      if (!isDatabaseMigrated()) {
        throw new IngestUnavailableError("the database is not ready yet; retry shortly");
      }
      const normalized = parts.normalize(parts.decode[encoding](body), {
        nowUnixNano: BigInt(Date.now()) * 1_000_000n,
        ...parts.window,
      });
      await parts.queue.submit(normalized.rows, normalized.refs);
      parts.onStored?.(normalized.rows.length, normalized.rejected);
      // A message can report a problem even when nothing was dropped (e.g. a type not stored).
      return normalized.rejectionMessage !== ""
        ? { rejected: normalized.rejected, errorMessage: normalized.rejectionMessage }
        : null;
    },
  };
}
