// A raw OTLP/gRPC export client: sends already-encoded Export*ServiceRequest bytes and hands back
// the response bytes, with no (de)serialisation in between. For tests, bench:ingest and smoke
// checks of a running receiver; senders in production use their SDK's exporter.
import {
  type Client,
  credentials,
  type Metadata,
  makeGenericClientConstructor,
  type ServiceError,
} from "@grpc/grpc-js";
import { RETRY_INFO_TYPE_URL } from "@/lib/ingest/receivers/grpc-status";
import { METRICS_EXPORT_PATH, TRACE_EXPORT_PATH } from "@/lib/ingest/receivers/otlp-grpc";
import { ProtoReader, WIRE_LEN } from "@/lib/otlp/protobuf-reader";

const passThrough = {
  requestStream: false,
  responseStream: false,
  requestSerialize: (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  requestDeserialize: (bytes: Buffer) => bytes,
  responseSerialize: (bytes: Buffer) => bytes,
  responseDeserialize: (bytes: Buffer) => bytes,
};

const ExportClient = makeGenericClientConstructor(
  {
    traces: { path: TRACE_EXPORT_PATH, ...passThrough },
    metrics: { path: METRICS_EXPORT_PATH, ...passThrough },
  },
  "OtlpExport",
);

type UnaryExport = (
  body: Uint8Array,
  metadata: Metadata | { deadline: number },
  callback: (error: ServiceError | null, response?: Buffer) => void,
) => void;

export class OtlpGrpcExportClient {
  private readonly client: Client & { traces: UnaryExport; metrics: UnaryExport };

  /** `target`: "http://host:port" (as the OTLP exporters take it) or "host:port"; plaintext. */
  constructor(target: string, options: { gzip?: boolean } = {}) {
    this.client = new ExportClient(
      target.replace(/^https?:\/\//, ""),
      credentials.createInsecure(),
      options.gzip ? { "grpc.default_compression_algorithm": 2 } : {},
    ) as unknown as OtlpGrpcExportClient["client"];
  }

  /** Resolves with the ExportTraceServiceResponse bytes; rejects with the call's ServiceError. */
  exportTraces(body: Uint8Array, timeoutMs = 30_000): Promise<Buffer> {
    return this.call(this.client.traces, body, timeoutMs);
  }

  /** Resolves with the ExportMetricsServiceResponse bytes; rejects with the call's ServiceError. */
  exportMetrics(body: Uint8Array, timeoutMs = 30_000): Promise<Buffer> {
    return this.call(this.client.metrics, body, timeoutMs);
  }

  close(): void {
    this.client.close();
  }

  private call(method: UnaryExport, body: Uint8Array, timeoutMs: number): Promise<Buffer> {
    return new Promise((resolve, reject) =>
      method.call(this.client, body, { deadline: Date.now() + timeoutMs }, (error, response) =>
        error ? reject(error) : resolve(response ?? Buffer.alloc(0)),
      ),
    );
  }
}

/**
 * The retry delay (ms) a failed call carries in its `grpc-status-details-bin` trailer
 * (google.rpc.Status → details: Any → google.rpc.RetryInfo → Duration); null when there is none.
 */
export function retryDelayOf(error: ServiceError): number | null {
  const details = error.metadata?.get("grpc-status-details-bin")[0];
  if (!(details instanceof Buffer)) return null;
  for (const any of fields(details, 3)) {
    const [typeUrl] = fields(any, 1);
    if (typeUrl === undefined || new TextDecoder().decode(typeUrl) !== RETRY_INFO_TYPE_URL) continue;
    const [value] = fields(any, 2);
    const [delay] = value ? fields(value, 1) : [];
    if (!delay) return 0;
    const r = new ProtoReader(delay);
    let ms = 0;
    while (r.pos < r.limit) {
      const tag = r.tag();
      if (tag === 1 << 3) ms += r.varint32() * 1000;
      else if (tag === 2 << 3) ms += r.varint32() / 1_000_000;
      else r.skip(tag);
    }
    return ms;
  }
  return null;
}

/** The values of one length-delimited field of a message. */
function fields(message: Uint8Array, field: number): Uint8Array[] {
  const r = new ProtoReader(message);
  const out: Uint8Array[] = [];
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === ((field << 3) | WIRE_LEN)) out.push(r.bytes());
    else r.skip(tag);
  }
  return out;
}
