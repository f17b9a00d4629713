// Errors that mean "this request cannot be answered as asked", thrown wherever that is found out
// (parameter parsing, or a query that learns a metric has no such statistic) and turned into an
// HTTP answer in one place (lib/api/api-route.ts). The message says how to fix the request.

/** A malformed request: answered 400 with this message. */
export class BadRequestError extends Error {
  override name = "BadRequestError";
}

/** What the request names does not exist: answered 404 with this message. */
export class NotFoundError extends Error {
  override name = "NotFoundError";
}

/** What the request names existed but is gone for good (a revoked or expired link): answered 410. */
export class GoneError extends Error {
  override name = "GoneError";
}
