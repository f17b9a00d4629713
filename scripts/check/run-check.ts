// `tracewell check --url URL --budgets FILE [--since 15m] [--version V] [--token T]`: each budget of
// the file against a running Tracewell's GET /api/endpoints (only the requests of service.version V
// with --version), for CI. Prints a table; returns 0 when every budget holds, 1 when one is
// violated, 2 when it cannot check (unreachable, unauthorised, bad budgets file, an endpoint with
// no requests in the window). docs/budgets.md.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseDuration } from "@/lib/config";
import { endpointsResponseSchema } from "@/lib/contracts/endpoint-schemas";
import { checkBudgets, exitCodeOf, formatTable, parseBudgets } from "./budgets";

export const CHECK_USAGE =
  "usage: tracewell check --url URL --budgets FILE [--since 15m] [--version V] [--token TOKEN]";

/** Runs the check; returns the exit code. Writes the table to stdout, problems to stderr. */
export async function runCheck(argv: string[]): Promise<number> {
  let values: { url: string; budgets?: string; since: string; version?: string; token?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: "string", default: process.env.TRACEWELL_URL || "http://localhost:3000" },
        budgets: { type: "string" },
        since: { type: "string", default: "15m" },
        version: { type: "string" },
        token: { type: "string", default: process.env.TRACEWELL_TOKEN },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${CHECK_USAGE}`);
    return 2;
  }
  if (
    positionals.length > 1 ||
    (positionals[0] !== undefined && positionals[0] !== "check") ||
    !values.budgets
  ) {
    console.error(CHECK_USAGE);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(values.budgets, "utf8");
  } catch (error) {
    console.error(`Cannot read the budgets file ${values.budgets}: ${(error as Error).message}`);
    return 2;
  }
  const budgets = parseBudgets(text);
  const to = Date.now();
  const from = to - parseDuration(values.since);
  const url = new URL("/api/endpoints", values.url);
  url.search = new URLSearchParams({
    from: String(from),
    to: String(to + 1),
    ...(values.version ? { version: values.version } : {}),
  }).toString();
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
      `Tracewell at ${values.url} refused the request (${response.status}): pass a valid --token (a read-only API token is enough)`,
    );
    return 2;
  }
  if (!response.ok) {
    console.error(`Tracewell at ${values.url} answered ${response.status}: ${await response.text()}`);
    return 2;
  }
  const { endpoints } = endpointsResponseSchema.parse(await response.json());
  const checks = checkBudgets(budgets, endpoints);
  if (values.version) console.log(`service.version ${values.version}, last ${values.since}:`);
  console.log(formatTable(checks));
  return exitCodeOf(checks);
}
