// The `grpc-status-details-bin` trailer of an OTLP/gRPC error: a google.rpc.Status whose details
// carry a google.rpc.RetryInfo, which tells OTLP exporters (Go, Java, .NET, the Collector) how
// long to wait before retrying. Per the OTLP spec, RESOURCE_EXHAUSTED is retried only when it
// carries RetryInfo; UNAVAILABLE is always retried, with this delay when given.
import { ProtoWriter } from "@/lib/otlp/protobuf-writer";

export const RETRY_INFO_TYPE_URL = "type.googleapis.com/google.rpc.RetryInfo";

/** google.protobuf.Duration {1 int64 seconds, 2 int32 nanos} */
function duration(ms: number): ProtoWriter {
  const whole = Math.floor(ms / 1000);
  return new ProtoWriter().int(1, whole).int(2, Math.round((ms - whole * 1000) * 1_000_000));
}

/**
 * google.rpc.Status {1 int32 code, 2 string message, 3 repeated google.protobuf.Any details} with one
 * Any {1 string type_url, 2 bytes value} holding RetryInfo {1 google.protobuf.Duration retry_delay}.
 */
export function encodeRetryStatus(code: number, message: string, retryDelayMs: number): Buffer {
  const retryInfo = new ProtoWriter().message(1, duration(retryDelayMs));
  const any = new ProtoWriter().string(1, RETRY_INFO_TYPE_URL).message(2, retryInfo);
  const status = new ProtoWriter().int(1, code).string(2, message).message(3, any).finish();
  return Buffer.from(status.buffer, status.byteOffset, status.byteLength);
}
