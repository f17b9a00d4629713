// `npm run tracewell -- <command>`: scripts' access to a running Tracewell, through its HTTP API
// (so it works the same with the embedded database and an external one).
//
//   keys create <name> [--expires-in-days N]   prints the new key (shown this once)
//   keys list                                  names, prefixes, dates, status
//   keys revoke <id>                           refused by every process within a few seconds
//   check --budgets FILE [--url URL] [--since 15m] [--version V] [--token T]
//                                              budgets against the running Tracewell, for CI:
//                                              exit 0 all hold, 1 one violated, 2 cannot check
//
// Also `npx tracewell …` from the repository (package.json "bin": bin/tracewell.mjs).
// TRACEWELL_URL picks the instance (default http://localhost:$PORT, PORT defaulting to 3000).
// Keys are an admin's business: with sign-in on (UI_AUTH), the CLI signs in first as
// TRACEWELL_EMAIL / TRACEWELL_PASSWORD (or TRACEWELL_ADMIN_EMAIL / TRACEWELL_ADMIN_PASSWORD).
import { parseArgs } from "node:util";
import { createdKeySchema, keysResponseSchema } from "@/lib/contracts/key-schemas";
import { runCheck } from "./check/run-check";

const USAGE = `Usage: npm run tracewell -- keys create <name> [--expires-in-days N]
       npm run tracewell -- keys list
       npm run tracewell -- keys revoke <id>
       npm run tracewell -- check --budgets FILE [--url URL] [--since 15m] [--version V] [--token T]
TRACEWELL_URL: the Tracewell to talk to (default http://localhost:${process.env.PORT || 3000})
TRACEWELL_EMAIL, TRACEWELL_PASSWORD: an admin account, when the dashboard needs sign-in`;

const base = (process.env.TRACEWELL_URL || `http://localhost:${process.env.PORT || 3000}`).replace(
  /\/+$/,
  "",
);

let session: Promise<string | null> | null = null;

/** The admin session cookie, when TRACEWELL_EMAIL/PASSWORD (or the ADMIN_ ones) are set. */
function signIn(): Promise<string | null> {
  const email = process.env.TRACEWELL_EMAIL || process.env.TRACEWELL_ADMIN_EMAIL;
  const password = process.env.TRACEWELL_PASSWORD || process.env.TRACEWELL_ADMIN_PASSWORD;
  if (!email || !password) return Promise.resolve(null);
  session ??= request("POST", "/api/auth/login", { email, password }, null).then(
    (response) => response.headers.get("set-cookie")?.split(";")[0] ?? null,
  );
  return session;
}

async function request(
  method: string,
  route: string,
  body: unknown,
  cookie: string | null,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`${base}${route}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(cookie ? { cookie } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new Error(
      `cannot reach Tracewell at ${base} (${(error as Error).message}); is it running? Set TRACEWELL_URL.`,
    );
  }
  if (!response.ok) {
    const json = (await response.json().catch(() => ({}))) as { error?: string };
    const hint =
      response.status === 401 ? " (set TRACEWELL_EMAIL and TRACEWELL_PASSWORD to an admin account)" : "";
    throw new Error(`${json.error ?? `HTTP ${response.status}`}${hint}`);
  }
  return response;
}

async function call(method: string, route: string, body?: unknown): Promise<unknown> {
  const response = await request(method, route, body, await signIn());
  if (response.status === 204) return null;
  return response.json();
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === "check") {
    // Its own exit codes: 0 every budget holds, 1 one is violated, 2 it cannot check.
    process.exitCode = await runCheck(argv).catch((error: Error) => {
      console.error(error.message);
      return 2;
    });
    return;
  }
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { "expires-in-days": { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  const [group, command, argument] = positionals;
  if (values.help || group !== "keys") {
    console.log(USAGE);
    if (!values.help) process.exitCode = 2;
    return;
  }
  if (command === "create" && argument) {
    const expires = values["expires-in-days"];
    const created = createdKeySchema.parse(
      await call("POST", "/api/keys", {
        name: argument,
        ...(expires === undefined ? {} : { expiresInDays: Number(expires) }),
      }),
    );
    console.log(
      `Created ingest key "${created.name}" (id ${created.id}${created.expiresAt ? `, expires ${created.expiresAt}` : ""}).`,
    );
    console.log("It is shown only now:");
    console.log(created.key);
    console.log(`Send with it: OTEL_EXPORTER_OTLP_HEADERS="authorization=Bearer ${created.key}"`);
  } else if (command === "list") {
    const { keys, ingestAuth } = keysResponseSchema.parse(await call("GET", "/api/keys"));
    if (ingestAuth === "open") console.log("Note: INGEST_AUTH=open on this instance: keys are not checked.");
    if (keys.length === 0) console.log("No ingest keys.");
    for (const key of keys) {
      const state = key.revokedAt
        ? `revoked ${key.revokedAt}`
        : key.expiresAt && Date.parse(key.expiresAt) <= Date.now()
          ? `expired ${key.expiresAt}`
          : "active";
      console.log(
        `${key.id}  ${key.prefix}…  ${key.name.padEnd(24)}  ${state}  created ${key.createdAt}  last used ${key.lastUsedAt ?? "never"}`,
      );
    }
  } else if (command === "revoke" && argument) {
    await call("DELETE", `/api/keys/${encodeURIComponent(argument)}`);
    console.log(`Revoked ingest key ${argument}: refused within a few seconds.`);
  } else {
    console.log(USAGE);
    process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(`tracewell: ${error.message}`);
  process.exitCode = 1;
});
