// Every setting Tracewell reads from the environment, parsed once, with its default.
// Documented in docs/configuration.md; keep the two in step.
import path from "node:path";
import { z } from "zod";

const MiB = 1024 * 1024;

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const BYTE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};
/** "50GB", "20 GiB", "1073741824"; unset → undefined. */
const byteSize = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]i?b|b)?\s*$/i.exec(text);
      if (!match) {
        ctx.addIssue({ code: "custom", message: `"${text}" is not a size; use bytes or e.g. 50GB, 20GiB` });
        return z.NEVER;
      }
      return Math.round(Number(match[1]) * (BYTE_UNITS[(match[2] ?? "b").toLowerCase()] ?? 1));
    }),
);

/** "90s", "15m", "6h", "30d" → milliseconds */
export function parseDuration(text: string): number {
  const match = /^(\d+)\s*(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a duration like 90s, 15m, 6h or 30d`);
  const factor = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as "ms"];
  return Number(match[1]) * factor;
}

const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      try {
        return parseDuration(text);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    });

/** What a process does: serve the dashboard and API, receive OTLP, run background analysis and retention. */
export const ROLES = ["web", "ingest", "worker"] as const;
export type Role = (typeof ROLES)[number];

const envSchema = z.object({
  HOST: z.string().default("0.0.0.0"),
  PORT: port(3000),
  OTLP_HTTP_PORT: port(4318),
  OTLP_GRPC_PORT: port(4317),
  // Empty counts as unset (e.g. `DATABASE_URL=` in a shell or an env file): embedded PostgreSQL.
  DATABASE_URL: z.preprocess((value) => (value === "" ? undefined : value), z.string().url().optional()),
  // A streaming replica of DATABASE_URL's database for the dashboard's reads (GET /api/*).
  DATABASE_REPLICA_URL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().url().optional(),
  ),
  DATA_DIR: z.string().default(".data"),
  EMBEDDED_POSTGRES_PORT: port(0),
  OTLP_MAX_BODY_BYTES: positiveInt(16 * MiB),
  OTLP_MAX_DECOMPRESSED_BYTES: positiveInt(64 * MiB),
  OTLP_GRPC_MAX_MESSAGE_BYTES: positiveInt(16 * MiB),
  INGEST_MAX_QUEUED_SPANS: positiveInt(200_000),
  INGEST_MAX_INFLIGHT_REQUESTS: positiveInt(256),
  INGEST_MAX_INFLIGHT_BYTES: positiveInt(128 * MiB),
  // In a process that also serves the dashboard: the event-loop delay p99 above which ingest admits
  // fewer requests at once (lib/ingest/receivers/event-loop-yield.ts); 0 turns it off.
  // Off by default: yielding refuses 5–7× more exports while the dashboard is watched, and senders
  // without a Collector in front may then drop data during the very incident being looked at.
  INGEST_YIELD_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(0),
  // In a process without the web role: the CPU niceness (0–19) of the process and of the local
  // PostgreSQL backends serving it (lib/server/cpu-priority.ts); 0 leaves priorities alone.
  INGEST_NICE: z.coerce.number().int().min(0).max(19).default(10),
  INGEST_BATCH_MAX_SPANS: positiveInt(8_000),
  INGEST_WRITERS: positiveInt(2),
  INGEST_MAX_SPANS_PER_REQUEST: positiveInt(50_000),
  SPAN_MAX_ATTRIBUTES: positiveInt(128),
  SPAN_MAX_EVENTS: positiveInt(128),
  SPAN_MAX_LINKS: positiveInt(128),
  SPAN_ATTRIBUTE_VALUE_MAX_LENGTH: positiveInt(16_384),
  // Redaction at ingest (lib/ingest/shared/redaction.ts): on unless "off".
  REDACTION: z.enum(["on", "off"]).default("on"),
  REDACT_ATTRIBUTE_KEYS: z
    .string()
    .default("")
    .transform((text) =>
      text
        .split(",")
        .map((key) => key.trim())
        .filter((key) => key !== ""),
    ),
  REDACT_VALUE_PATTERNS: z
    .string()
    .default("")
    .transform((text, ctx) => {
      if (text.trim() === "") return [];
      let patterns: unknown;
      try {
        patterns = JSON.parse(text);
      } catch {
        patterns = null;
      }
      if (!Array.isArray(patterns) || !patterns.every((p) => typeof p === "string")) {
        ctx.addIssue({
          code: "custom",
          message: 'must be a JSON array of regular expressions, e.g. ["\\\\b\\\\d{16}\\\\b"]',
        });
        return z.NEVER;
      }
      for (const pattern of patterns as string[]) {
        try {
          new RegExp(pattern, "g");
        } catch (error) {
          ctx.addIssue({
            code: "custom",
            message: `"${pattern}" is not a regular expression: ${(error as Error).message}`,
          });
          return z.NEVER;
        }
      }
      return patterns as string[];
    }),
  SPAN_RETENTION: duration("7d"),
  ROLLUP_RETENTION: duration("90d"),
  MAX_DISK_BYTES: byteSize,
  // Deprecated name of ANALYSIS_QUIET_PERIOD (cache attribution was the first analyser); still read.
  CACHE_ATTRIBUTION_DELAY: z.string().optional(),
  ANALYSIS_QUIET_PERIOD: z.string().optional(),
  // Insight detector thresholds (docs/insights.md); defaults follow Sentry's detectors.
  INSIGHTS_N_PLUS_ONE_MIN_COUNT: z.coerce.number().int().min(2).default(5),
  INSIGHTS_N_PLUS_ONE_MIN_TOTAL_MS: z.coerce.number().min(0).default(50),
  INSIGHTS_SEQUENTIAL_MIN_SAVED_MS: z.coerce.number().min(0).default(100),
  INSIGHTS_SEQUENTIAL_MIN_SAVED_SHARE: z.coerce.number().min(0).max(1).default(0.1),
  INSIGHTS_SLOW_QUERY_MS: z.coerce.number().min(0).default(500),
  // Budgets (docs/budgets.md): a file loaded at start, the window their value is measured over,
  // how often the worker checks them, and the webhook sent after N minutes of violation.
  BUDGETS_FILE: z.preprocess((value) => (value === "" ? undefined : value), z.string().optional()),
  BUDGET_WINDOW: duration("15m"),
  BUDGET_CHECK_INTERVAL: duration("30s"),
  BUDGET_VIOLATION_MINUTES: z.coerce.number().min(0).default(5),
  BUDGET_WEBHOOK_URL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().url("must be an http(s) URL the worker can POST to").optional(),
  ),
  BUDGET_WEBHOOK_RETRY_BASE: duration("5s"),
  TRACEWELL_ROLES: z
    .string()
    .default("web,ingest,worker")
    .transform((text, ctx) => {
      const roles = text
        .split(",")
        .map((role) => role.trim())
        .filter((role) => role !== "");
      const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
      if (roles.length === 0 || unknown.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: `"${text}" is not a list of roles: use any of ${ROLES.join(", ")}, comma-separated`,
        });
        return z.NEVER;
      }
      return new Set(roles as Role[]);
    }),
  // With the web role and ingest or worker (the default): "separate" runs ingest and the worker in
  // a child process (lib/server/ingest-child.ts), so a flood never shares the dashboard's event
  // loop; "same" keeps every role in this one process.
  INGEST_PROCESS: z.enum(["separate", "same"]).default("separate"),
  // Internal, set by the dashboard process for its ingest child (lib/server/ingest-child.ts): not
  // settings for users, read here like every other variable.
  TRACEWELL_CHILD: z.enum(["0", "1"]).default("0"),
  TRACEWELL_DASHBOARD_PORT: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce.number().int().min(1).max(65_535).optional(),
  ),
  SPAN_MAX_FUTURE: duration("1d"),
  TRACE_PAGE_MAX_SPANS: positiveInt(200_000),
  // Traces of at least this many spans keep their page answer after it is first built
  // (lib/queries/traces/trace-pages.ts); 0 turns it off.
  TRACE_PAGE_KEEP_MIN_SPANS: z.coerce.number().int().min(0).default(10_000),
  // OTLP needs an ingest key (Authorization: Bearer twk_…) unless "open" (a trusted network).
  INGEST_AUTH: z.enum(["keys", "open"]).default("keys"),
  // A key accepted besides the stored ones, set by the operator (containers, CI); never stored.
  TRACEWELL_INGEST_KEY: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().min(16, "TRACEWELL_INGEST_KEY must be at least 16 characters").optional(),
  ),
  // Pages and /api need a signed-in user (or a read-only API token) unless "off" (single-user local).
  UI_AUTH: z.enum(["on", "off"]).default("on"),
  SESSION_TTL: duration("7d"),
  // Provisions the first admin headlessly (containers, CI) instead of the printed setup link.
  TRACEWELL_ADMIN_EMAIL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().email("TRACEWELL_ADMIN_EMAIL must be an email address").optional(),
  ),
  TRACEWELL_ADMIN_PASSWORD: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().min(12, "TRACEWELL_ADMIN_PASSWORD must be at least 12 characters").optional(),
  ),
  SELF_TRACE: z.enum(["", "0", "1", "true", "false"]).default(""),
  // pino's levels; lib/log/logger.ts reads it from the environment itself (Next's route handlers
  // load their own copy), this only refuses a typo at start.
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SELF_TRACE_ENDPOINT: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().url().optional(),
  ),
});

export type TracewellConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const quietPeriod = e.ANALYSIS_QUIET_PERIOD ?? e.CACHE_ATTRIBUTION_DELAY ?? "2s";
  let analysisQuietMs: number;
  try {
    analysisQuietMs = parseDuration(quietPeriod);
  } catch (error) {
    throw new Error(`Invalid configuration:\n  ANALYSIS_QUIET_PERIOD: ${(error as Error).message}`);
  }
  if ((e.TRACEWELL_ADMIN_EMAIL === undefined) !== (e.TRACEWELL_ADMIN_PASSWORD === undefined)) {
    throw new Error(
      "Invalid configuration: set both TRACEWELL_ADMIN_EMAIL and TRACEWELL_ADMIN_PASSWORD, or neither",
    );
  }
  if (e.ROLLUP_RETENTION < e.SPAN_RETENTION) {
    throw new Error("Invalid configuration: ROLLUP_RETENTION must be at least SPAN_RETENTION");
  }
  return {
    host: e.HOST,
    port: e.PORT,
    otlpHttpPort: e.OTLP_HTTP_PORT,
    otlpGrpcPort: e.OTLP_GRPC_PORT,
    databaseUrl: e.DATABASE_URL,
    databaseReplicaUrl: e.DATABASE_REPLICA_URL,
    dataDir: path.resolve(e.DATA_DIR),
    embeddedPostgresPort: e.EMBEDDED_POSTGRES_PORT,
    limits: {
      maxBodyBytes: e.OTLP_MAX_BODY_BYTES,
      maxDecompressedBytes: e.OTLP_MAX_DECOMPRESSED_BYTES,
      /** OTLP/gRPC: the largest message accepted, on the wire and after gzip decompression */
      maxGrpcMessageBytes: e.OTLP_GRPC_MAX_MESSAGE_BYTES,
    },
    /** OTLP requests being handled at once, both transports together (lib/ingest/receivers/admission.ts) */
    admission: {
      maxRequests: e.INGEST_MAX_INFLIGHT_REQUESTS,
      maxBytes: e.INGEST_MAX_INFLIGHT_BYTES,
      /** 0: off; applies only when the process also has the web role */
      yieldEventLoopDelayMs: e.INGEST_YIELD_EVENT_LOOP_DELAY_MS,
      /** 0: off; applies only when the process has no web role */
      nice: e.INGEST_NICE,
    },
    ingest: {
      maxQueuedSpans: e.INGEST_MAX_QUEUED_SPANS,
      batchMaxSpans: e.INGEST_BATCH_MAX_SPANS,
      writers: e.INGEST_WRITERS,
      // Spans older than their retention would be deleted at once: refuse them on arrival.
      maxPastNanos: BigInt(e.SPAN_RETENTION) * 1_000_000n,
      maxFutureNanos: BigInt(e.SPAN_MAX_FUTURE) * 1_000_000n,
      /** redaction at ingest (lib/ingest/shared/redaction.ts) */
      redaction: {
        enabled: e.REDACTION === "on",
        keys: e.REDACT_ATTRIBUTE_KEYS,
        patterns: e.REDACT_VALUE_PATTERNS,
      },
      /** per request and per span (lib/ingest/shared/limits.ts) */
      limits: {
        maxRowsPerRequest: e.INGEST_MAX_SPANS_PER_REQUEST,
        maxAttributes: e.SPAN_MAX_ATTRIBUTES,
        maxEvents: e.SPAN_MAX_EVENTS,
        maxLinks: e.SPAN_MAX_LINKS,
        maxAttributeValueLength: Math.max(e.SPAN_ATTRIBUTE_VALUE_MAX_LENGTH, 32),
      },
    },
    roles: e.TRACEWELL_ROLES,
    /** INGEST_PROCESS: "separate" runs the non-web roles in a child process when this one serves the web */
    ingestProcess: e.INGEST_PROCESS,
    /** set only in the ingest child of a dashboard process (INGEST_PROCESS=separate) */
    ingestChild: e.TRACEWELL_CHILD === "1" ? { dashboardPort: e.TRACEWELL_DASHBOARD_PORT ?? null } : null,
    /** the trace page loads at most this many spans of a trace (the earliest) and says so */
    tracePageMaxSpans: e.TRACE_PAGE_MAX_SPANS,
    /** traces of at least this many spans keep their page answer once built; 0: off */
    tracePageKeepMinSpans: e.TRACE_PAGE_KEEP_MIN_SPANS,
    ingestAuth: {
      mode: e.INGEST_AUTH,
      /** an operator-provided key accepted besides the stored ones */
      envKey: e.TRACEWELL_INGEST_KEY,
    },
    uiAuth: {
      /** "on": pages and /api need a session or a read-only API token; "off": anyone who can reach PORT */
      mode: e.UI_AUTH,
      sessionTtlMs: e.SESSION_TTL,
      /** provisions this admin at start when that email has no account yet */
      admin:
        e.TRACEWELL_ADMIN_EMAIL && e.TRACEWELL_ADMIN_PASSWORD
          ? { email: e.TRACEWELL_ADMIN_EMAIL, password: e.TRACEWELL_ADMIN_PASSWORD }
          : null,
    },
    analysis: {
      /** how long a trace must be quiet before it is analysed (again): cache attribution, detectors */
      quietMs: analysisQuietMs,
      /** thresholds of the insight detectors (lib/analysis/insights/finding.ts) */
      insights: {
        nPlusOneMinCount: e.INSIGHTS_N_PLUS_ONE_MIN_COUNT,
        nPlusOneMinTotalMs: e.INSIGHTS_N_PLUS_ONE_MIN_TOTAL_MS,
        sequentialMinSavedMs: e.INSIGHTS_SEQUENTIAL_MIN_SAVED_MS,
        sequentialMinSavedShare: e.INSIGHTS_SEQUENTIAL_MIN_SAVED_SHARE,
        slowQueryMs: e.INSIGHTS_SLOW_QUERY_MS,
      },
    },
    budgets: {
      /** BUDGETS_FILE: budgets upserted at start (source "file") */
      file: e.BUDGETS_FILE,
      /** a budget's value now: its endpoint over the last windowMs, from the rollups */
      windowMs: e.BUDGET_WINDOW,
      checkIntervalMs: e.BUDGET_CHECK_INTERVAL,
      /** a violation lasting this long sends the webhook (0: at the first check that sees it) */
      violationMs: Math.round(e.BUDGET_VIOLATION_MINUTES * 60_000),
      /** where webhooks go for budgets without their own URL; unset: only those with one */
      webhookUrl: e.BUDGET_WEBHOOK_URL,
      /** a failed delivery is retried after this, then twice as long each time (10 attempts) */
      webhookRetryBaseMs: e.BUDGET_WEBHOOK_RETRY_BASE,
    },
    retention: {
      spansMs: e.SPAN_RETENTION,
      rollupsMs: e.ROLLUP_RETENTION,
      /** when the database outgrows it, the oldest span/metric days go first (never today's) */
      maxDiskBytes: e.MAX_DISK_BYTES,
    },
    logLevel: e.LOG_LEVEL,
    selfTrace: {
      enabled: e.SELF_TRACE === "1" || e.SELF_TRACE === "true",
      /** OTLP/HTTP base URL; unset: this instance's own OTLP/HTTP listener */
      endpoint: e.SELF_TRACE_ENDPOINT,
    },
  };
}
