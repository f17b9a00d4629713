// Sequential calls: different calls under one parent that run one after another although nothing
// shows that one needs the other, so running them at once would save (sum − slowest). Calls that
// repeat one key are the N+1 detector's; a parent whose calls overlap at all already runs them in
// parallel and never trips it. Reported only when the saving is worth it both in milliseconds
// and as a share of the request.
//
// What a trace shows of one call needing another (dependentCalls below), for SQL statements:
// a transaction (BEGIN … COMMIT under the parent) pins its statements to one connection, in order;
// a write (INSERT, UPDATE, DELETE, …) and whatever the database is asked after it must keep their
// order (read your writes); a query taking a list (`IN (?)`, `= ANY(?)`) after another query
// most likely takes that query's ids (load the orders, then their items in one query: the cure
// for an N+1, not a sequence to undo). Those calls are left out. Values passed from one call's
// result to the next are not in spans, so other calls could still depend on each other: the
// finding says they *could* run at once.
import { type Call, findingOf, groupBy, sortedByStart } from "@/lib/analysis/insights/call-tree";
import {
  type Finding,
  type InsightThresholds,
  maxOf,
  msText,
  msToNanos,
} from "@/lib/analysis/insights/finding";

export function detectSequentialCalls(calls: readonly Call[], thresholds: InsightThresholds): Finding[] {
  const findings: Finding[] = [];
  const keyed = calls.filter((c) => c.key !== null);
  for (const siblings of groupBy(keyed, (c) => c.parentKey).values()) {
    // one call per key (the first): repeats of a key are N+1 material, not independent calls
    const distinct = [...groupBy(sortedByStart(siblings), (c) => c.key ?? "").values()].map(
      (g) => g[0] as Call,
    );
    if (distinct.length < 2) continue;
    const all = sortedByStart(distinct);
    if (all.some((c, i) => i > 0 && c.start < (all[i - 1] as Call).end)) continue;
    const dependent = dependentCalls(sortedByStart(siblings));
    const ordered = all.filter((c) => !dependent.has(c));
    if (ordered.length < 2) continue;
    const durations = ordered.map((c) => c.span.durationNano);
    const sum = durations.reduce((total, d) => total + d, 0n);
    const slowest = maxOf(durations);
    const saved = sum - slowest;
    const request = (ordered[0] as Call).request;
    const minSaved = msToNanos(thresholds.sequentialMinSavedMs);
    const minShare = thresholds.sequentialMinSavedShare * Number(request.durationNano);
    // near misses: at least half the saving needed
    let nearMiss: string | null = null;
    if (saved < minSaved) {
      if (saved * 2n < minSaved) continue;
      nearMiss = `running them at once would save ${msText(saved)}: below ${thresholds.sequentialMinSavedMs} ms`;
    } else if (Number(saved) < minShare) {
      if (Number(saved) * 2 < minShare) continue;
      nearMiss = `running them at once would save ${((100 * Number(saved)) / Number(request.durationNano)).toFixed(1)} % of the request: below ${thresholds.sequentialMinSavedShare * 100} %`;
    }
    findings.push(
      findingOf("sequential_calls", ordered, {
        key: ordered.map((c) => c.key).join(" | "),
        timeSavedNano: saved,
        nearMiss,
      }),
    );
  }
  return findings;
}

const SQL_VERB = /^\W*([a-z]+)(?:\s+([a-z]+))?/i;
const READS = new Set(["select", "with", "values", "table", "show", "explain"]);
const WRITES = new Set([
  "insert",
  "update",
  "delete",
  "merge",
  "upsert",
  "replace",
  "copy",
  "truncate",
  "call",
  "lock",
]);
const TRANSACTION = new Set(["begin", "commit", "rollback", "savepoint", "release", "end", "abort"]);
const LIST_PARAMETER = /\bin\s*\(\?\)|\bany\s*\(\s*\?/i;

/** What a SQL statement does, from its first word; null for anything else (a Redis command, …). */
function sqlVerb(call: Call): "read" | "write" | "transaction" | null {
  if (call.call.type !== "db" || call.key === null) return null;
  const [, first = "", second = ""] = SQL_VERB.exec(call.key) ?? [];
  const verb = first.toLowerCase();
  if (READS.has(verb)) return "read";
  if (WRITES.has(verb)) return "write";
  if (TRANSACTION.has(verb) || (verb === "start" && second.toLowerCase() === "transaction"))
    return "transaction";
  return null;
}

/**
 * The calls of one parent (by start, repeats included) that the spans show must wait for an
 * earlier one: every SQL statement when the parent runs a transaction; after a write, it and every
 * later SQL statement; a list-taking query after another query.
 */
function dependentCalls(siblings: readonly Call[]): Set<Call> {
  const verbs = siblings.map((c) => ({ call: c, verb: sqlVerb(c) }));
  if (verbs.some((v) => v.verb === "transaction")) {
    return new Set(verbs.filter((v) => v.verb !== null).map((v) => v.call));
  }
  const dependent = new Set<Call>();
  let wrote = false;
  let read = false;
  for (const { call, verb } of verbs) {
    if (verb === null) continue;
    if (verb === "write") wrote = true;
    if (wrote || (read && LIST_PARAMETER.test(call.key ?? ""))) dependent.add(call);
    if (verb === "read") read = true;
  }
  return dependent;
}
