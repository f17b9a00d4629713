// `npm start`: build if needed, then run Tracewell until SIGINT/SIGTERM.
import { loadConfig } from "@/lib/config";
import { startTracewell } from "@/lib/server/start-tracewell";
import { ensureBuild } from "./build";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";

async function main(): Promise<void> {
  const config = loadConfig();
  ensureBuild();
  const running = await startTracewell(config);
  // Machine-readable line for test harnesses and scripts that start Tracewell on port 0.
  console.log(
    `TRACEWELL_READY ${JSON.stringify({ port: running.port, otlpHttpPort: running.otlpHttpPort })}`,
  );

  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) {
      console.log("Forced exit");
      process.exit(1);
    }
    console.log(`${signal}: finishing in-flight exports and shutting down…`);
    running.stop().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`Shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
