// The shop's services as child processes: each demo/services/*.cjs runs in its own Node process
// (`fork`, so it reports its port and export counts over IPC), started in dependency order and
// stopped callers first.
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const servicesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "services");

interface ServiceProcess {
  label: string;
  url: string;
  child: ChildProcess;
  exported: number;
  failed: number;
  exited: Promise<number | null>;
}

export interface Shop {
  frontendUrl: string;
  inventoryUrl: string;
  /** spans the services' exporters delivered, and failed to deliver */
  exportCounts(): { exported: number; failed: number };
  /** called once if a service dies before stop() */
  onUnexpectedExit(callback: (label: string, code: number | null) => void): void;
  /** Asks every service to finish its requests, flush its telemetry and exit. */
  stop(): Promise<void>;
  kill(): void;
}

export async function startShop(env: NodeJS.ProcessEnv): Promise<Shop> {
  const services: ServiceProcess[] = [];
  try {
    // Two deployments of pricing side by side: the bad-deploy exhibit (docs/demo.md).
    const starting = [
      startService("pricing", "1.4.0", env),
      startService("pricing", "1.5.0", env),
      startService("inventory", "2.3.1", env),
    ];
    const started = await Promise.allSettled(starting);
    for (const result of started) if (result.status === "fulfilled") services.push(result.value);
    const failure = started.find((result) => result.status === "rejected");
    if (failure) throw failure.reason;
    const [pricingOld, pricingNew, inventory] = services as [ServiceProcess, ServiceProcess, ServiceProcess];
    const pricing = [pricingOld, pricingNew];
    const orders = await startService("orders", "3.0.2", { ...env, DEMO_INVENTORY_URL: inventory.url });
    services.push(orders);
    const frontend = await startService("frontend", "1.8.0", {
      ...env,
      DEMO_ORDERS_URL: orders.url,
      DEMO_INVENTORY_URL: inventory.url,
      DEMO_PRICING_URLS: pricing.map((service) => service.url).join(","),
    });
    services.push(frontend);

    let stopping = false;
    return {
      frontendUrl: frontend.url,
      inventoryUrl: inventory.url,
      exportCounts: () => ({
        exported: services.reduce((sum, service) => sum + service.exported, 0),
        failed: services.reduce((sum, service) => sum + service.failed, 0),
      }),
      onUnexpectedExit: (callback) => {
        for (const service of services) {
          void service.exited.then((code) => {
            if (!stopping) callback(service.label, code);
          });
        }
      },
      stop: async () => {
        stopping = true;
        await stopInOrder(services);
      },
      kill: () => {
        for (const service of services) service.child.kill("SIGKILL");
      },
    };
  } catch (error) {
    await stopInOrder(services);
    throw error;
  }
}

/** Callers first, so that nothing calls a service that is already gone. */
async function stopInOrder(services: ServiceProcess[]): Promise<void> {
  for (const group of [["frontend"], ["orders"], ["inventory", "pricing"]]) {
    await Promise.all(
      services
        .filter((service) => group.some((name) => service.label.startsWith(`${name}@`)))
        .map(stopService),
    );
  }
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
  const service: ServiceProcess = { label, url: "", child, exported: 0, failed: 0, exited };
  type Message = { type?: string; port?: number; spansExported?: number; spansFailed?: number };
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${label} did not start within 30 s`));
    }, 30_000);
    void exited.then((code) => reject(new Error(`${label} exited with ${code} while starting`)));
    child.on("message", (message: Message) => {
      if (message.type === "ready") {
        clearTimeout(timeout);
        service.url = `http://127.0.0.1:${message.port}`;
        resolve(service);
      } else if (message.type === "counts") {
        service.exported = message.spansExported ?? service.exported;
        service.failed = message.spansFailed ?? service.failed;
      }
    });
  });
}

async function stopService(service: ServiceProcess): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  if (service.child.connected) service.child.send({ type: "shutdown" });
  else service.child.kill("SIGTERM");
  const timer = setTimeout(() => service.child.kill("SIGKILL"), 20_000);
  await service.exited;
  clearTimeout(timer);
}
