// Tracewell's one logger: pino, one JSON object per line on stdout, level from LOG_LEVEL (default
// info). Every server-side module logs through `logger` (or a child of it); the start banner that
// people read (URLs, the next step) is plain text printed by lib/server/start-tracewell.ts.
// Secrets never reach a log line: whatever is logged under a redacted path prints "[Redacted]",
// and request bodies are never logged (the request serializer keeps method, url and headers only).
import pino from "pino";

export type Logger = pino.Logger;

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where a secret can sit in what Tracewell logs (a request's headers, an error's config). */
export const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  "req.headers['x-api-key']",
  "req.headers['proxy-authorization']",
  "res.headers['set-cookie']",
  "headers.authorization",
  "headers.cookie",
  "key",
  "token",
  "password",
  "*.key",
  "*.token",
  "*.password",
  "*.connectionString",
  "databaseUrl",
  "*.databaseUrl",
];

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const level = LOG_LEVELS.includes(options.level as LogLevel) ? (options.level as LogLevel) : "info";
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS },
      serializers: { err: pino.stdSerializers.err, req: requestSerializer },
    },
    options.destination ?? pino.destination({ fd: 1, sync: true }),
  );
}

/** A node:http request as logged: never its body, and headers only through the redaction above. */
function requestSerializer(request: {
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    method: request.method,
    url: request.url?.split("?")[0],
    headers: { ...request.headers },
  };
}

/**
 * The process's logger. Next.js route handlers load their own copy of this module: it is built
 * from the same environment, so their lines look the same.
 */
export const logger = createLogger({ level: process.env.LOG_LEVEL });
