// What makes a request an error (README § Endpoints): status ERROR, or an HTTP status ≥ 500 on a
// SERVER span. Two forms of one rule: JS for rollups at ingest, SQL for queries over raw spans.
import { SpanKind, StatusCode } from "@/lib/model/span-kind";

const STATUS_ERROR = StatusCode.ERROR;
const SERVER = SpanKind.SERVER;

export function isRequestError(span: {
  statusCode: number;
  kind: number;
  httpStatusCode: number | null;
}): boolean {
  return span.statusCode === STATUS_ERROR || (span.kind === SERVER && (span.httpStatusCode ?? 0) >= 500);
}

/** A constant SQL condition over `spans` columns (for raw(): it contains no input). */
export const REQUEST_ERROR_SQL = `(status_code = ${STATUS_ERROR} OR (kind = ${SERVER} AND coalesce(http_status_code, 0) >= 500))`;
