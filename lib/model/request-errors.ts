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

/** The caller may not do this (e.g. delete the last admin): answered 403 with this message. */
export class ForbiddenError extends Error {
  override name = "ForbiddenError";
}

/** Too many attempts (login): answered 429 with Retry-After. */
export class TooManyRequestsError extends Error {
  override name = "TooManyRequestsError";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** Wrong credentials: answered 401 with this message. */
export class UnauthorizedError extends Error {
  override name = "UnauthorizedError";
}

/** What the request names existed but is gone for good (a revoked or expired link): answered 410. */
export class GoneError extends Error {
  override name = "GoneError";
}
