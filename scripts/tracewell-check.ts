// `npm run tracewell-check -- check --url URL --budgets FILE [--since 15m] [--token T]`: checks
// each endpoint's latency and error budget against a running Tracewell, for CI. Prints a table;
// exits 0 when every budget holds, 1 when one is violated, 2 when it cannot check (unreachable,
// unauthorised, bad budgets file, an endpoint with no requests in the window). docs/insights.md.
// (Its own file: scripts/tracewell.ts is the `keys` CLI; that one can delegate `check` here.)
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseDuration } from "@/lib/config";
import { endpointsResponseSchema } from "@/lib/contracts/endpoint-schemas";
import { checkBudgets, exitCodeOf, formatTable, parseBudgets } from "./check/budgets";

const USAGE = "usage: tracewell-check [check] --url URL --budgets FILE [--since 15m] [--token TOKEN]";

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: "string", default: "http://localhost:3000" },
      budgets: { type: "string" },
      since: { type: "string", default: "15m" },
      token: { type: "string" },
    },
  });
  if (
    positionals.length > 1 ||
    (positionals[0] !== undefined && positionals[0] !== "check") ||
    !values.budgets
  ) {
    console.error(USAGE);
    return 2;
  }
  const budgets = parseBudgets(readFileSync(values.budgets, "utf8"));
  const to = Date.now();
  const from = to - parseDuration(values.since);
  const url = new URL("/api/endpoints", values.url);
  url.search = new URLSearchParams({ from: String(from), to: String(to + 1) }).toString();
  let response: Response;
  try {
    response = await fetch(url, {
      headers: values.token ? { authorization: `Bearer ${values.token}` } : {},
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    console.error(`Cannot reach Tracewell at ${values.url}: ${(error as Error).message}`);
    return 2;
  }
  if (response.status === 401 || response.status === 403) {
    console.error(
      `Tracewell at ${values.url} refused the request (${response.status}): pass a valid --token`,
    );
    return 2;
  }
  if (!response.ok) {
    console.error(`Tracewell at ${values.url} answered ${response.status}: ${await response.text()}`);
    return 2;
  }
  const { endpoints } = endpointsResponseSchema.parse(await response.json());
  const checks = checkBudgets(budgets, endpoints);
  console.log(formatTable(checks));
  return exitCodeOf(checks);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
