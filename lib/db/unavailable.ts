// Whether an error means "the database cannot be reached right now" (server down or restarting,
// connection cut or refused) rather than "this query is wrong". Such errors become 503 +
// Retry-After, at ingest and in the API: the client retries, nothing is lost, and the pool
// reconnects by itself once PostgreSQL is back.

/** SQLSTATE classes and codes, and Node socket codes, of an unreachable or restarting server. */
const UNAVAILABLE_CODES = new Set([
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, recovering)
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (code.startsWith("08") || UNAVAILABLE_CODES.has(code))) return true;
  // node-postgres reports a socket closed under it without a code.
  const message = (error as { message?: unknown }).message;
  return typeof message === "string" && /^Connection terminated/.test(message);
}
