// Response bodies of OTLP/HTTP: Export*ServiceResponse for a 200 (with partial_success when some
// data was rejected) and google.rpc.Status for 4xx/5xx, in the encoding of the request.

import { ProtoWriter } from "./protobuf-writer";

export type OtlpWireFormat = "protobuf" | "json";

/** Which signal answers: the JSON name of partial_success field 1 differs per signal. */
export type ExportKind = "spans" | "dataPoints" | "logRecords";

export interface PartialSuccessInput {
  rejected: number;
  errorMessage: string;
}

const rejectedField = {
  spans: "rejectedSpans",
  dataPoints: "rejectedDataPoints",
  logRecords: "rejectedLogRecords",
};
const utf8 = new TextEncoder();

/**
 * ExportTraceServiceResponse / ExportMetricsServiceResponse / ExportLogsServiceResponse share one
 * layout: {1 partial_success {1 int64 rejected_<kind>, 2 string error_message}}. Per the spec,
 * partial_success is left out when nothing was rejected and there is no message.
 */
export function encodeExportResponse(
  format: OtlpWireFormat,
  partial: PartialSuccessInput | null,
  kind: ExportKind = "spans",
): Uint8Array {
  const report = partial !== null && (partial.rejected > 0 || partial.errorMessage !== "");
  if (format === "json") {
    if (!report) return utf8.encode("{}");
    const partialSuccess = {
      // int64 is a decimal string in proto3 JSON
      [rejectedField[kind]]: String(partial.rejected),
      errorMessage: partial.errorMessage,
    };
    return utf8.encode(JSON.stringify({ partialSuccess }));
  }
  const response = new ProtoWriter();
  if (report) {
    response.message(1, new ProtoWriter().int(1, partial.rejected).string(2, partial.errorMessage));
  }
  return response.finish();
}

/** google.rpc.Status {1 int32 code, 2 string message}, the body of an OTLP/HTTP error answer. */
export function encodeStatus(format: OtlpWireFormat, code: number, message: string): Uint8Array {
  if (format === "json") return utf8.encode(JSON.stringify({ code, message }));
  return new ProtoWriter().int(1, code).string(2, message).finish();
}
