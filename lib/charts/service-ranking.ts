// The overview's order of services during an incident: the ones in trouble first. Trouble is a
// service's error rate and p95 now, against the previous window of the same length
// (ServiceSummary.previous). Pure, so the ranking rules are unit-tested (service-ranking.test.ts).
import type { ServiceSummary } from "@/lib/model/endpoints";

/** What trouble is judged on: a service's or an endpoint's totals and its previous window's. */
export interface TroubleSubject {
  count: number;
  errorRate: number;
  p95Ms: number | null;
  previous?: { errorRate: number; p95Ms: number | null } | null;
}

import type { ServiceOrder } from "@/lib/url-state/dashboard-url";

/** An error rate at or above this is worth a look whatever it was before. */
export const ATTENTION_ERROR_RATE = 0.05;
/** A p95 this much above the previous window's (×1.5) is worth a look, */
export const ATTENTION_P95_FACTOR = 1.5;
/** unless it moved by less than this: 2 ms → 4 ms is noise, not an incident. */
export const ATTENTION_P95_MIN_MS = 20;
/** Fewer requests than this say nothing about a rate or a percentile. */
export const ATTENTION_MIN_REQUESTS = 5;

export interface ServiceTrouble {
  /** relative change of the error rate (0.5 = +50 %); "new" when it had none before; null when unknown */
  errorRateChange: number | "new" | null;
  /** relative change of p95; null without a previous p95 */
  p95Change: number | null;
  /** why the service needs attention; empty when it does not */
  reasons: string[];
}

function relativeChange(now: number, before: number): number {
  return before === 0 ? (now === 0 ? 0 : Number.POSITIVE_INFINITY) : now / before - 1;
}

export function serviceTrouble(summary: TroubleSubject): ServiceTrouble {
  const previous = summary.previous ?? null;
  let errorRateChange: ServiceTrouble["errorRateChange"] = null;
  if (previous !== null) {
    errorRateChange =
      previous.errorRate === 0
        ? summary.errorRate > 0
          ? "new"
          : 0
        : relativeChange(summary.errorRate, previous.errorRate);
  }
  const p95Change =
    previous?.p95Ms != null && summary.p95Ms !== null && previous.p95Ms > 0
      ? relativeChange(summary.p95Ms, previous.p95Ms)
      : null;
  const reasons: string[] = [];
  if (summary.count >= ATTENTION_MIN_REQUESTS) {
    if (summary.errorRate >= ATTENTION_ERROR_RATE) reasons.push("errors");
    if (
      p95Change !== null &&
      p95Change >= ATTENTION_P95_FACTOR - 1 &&
      summary.p95Ms !== null &&
      previous?.p95Ms != null &&
      summary.p95Ms - previous.p95Ms >= ATTENTION_P95_MIN_MS
    ) {
      reasons.push("p95");
    }
  }
  return { errorRateChange, p95Change, reasons };
}

/** A change as the overview shows it: "▲ +240 %", "▼ −30 %", "▲ new", "" when flat or unknown. */
export function formatChange(change: number | "new" | null): string {
  if (change === null) return "";
  if (change === "new") return "▲ new";
  if (!Number.isFinite(change)) return "▲ new";
  const percent = Math.round(change * 100);
  if (percent === 0) return "";
  return percent > 0 ? `▲ +${percent.toLocaleString("en-US")} %` : `▼ −${Math.abs(percent)} %`;
}

/** For sorting: a "new" error rate ranks above any finite rise. */
function changeValue(change: number | "new" | null): number {
  if (change === "new") return Number.POSITIVE_INFINITY;
  return change ?? 0;
}

type Compare = (a: ServiceSummary, b: ServiceSummary) => number;

const byName: Compare = (a, b) => a.service.localeCompare(b.service);

/**
 * Most troubled first: those needing attention, then by error rate, then by how much p95 and the
 * error rate rose; 0 for equal trouble (the caller breaks ties, by name).
 */
export function compareTrouble(a: TroubleSubject, b: TroubleSubject): number {
  const ta = serviceTrouble(a);
  const tb = serviceTrouble(b);
  return (
    Number(tb.reasons.length > 0) - Number(ta.reasons.length > 0) ||
    b.errorRate - a.errorRate ||
    changeValue(tb.p95Change) - changeValue(ta.p95Change) ||
    changeValue(tb.errorRateChange) - changeValue(ta.errorRateChange)
  );
}

const byTrouble: Compare = (a, b) => compareTrouble(a, b) || byName(a, b);

const nullsLast = (a: number | null, b: number | null) =>
  a === null ? (b === null ? 0 : 1) : b === null ? -1 : b - a;

const compares: Record<ServiceOrder, Compare> = {
  trouble: byTrouble,
  name: byName,
  rate: (a, b) => b.requestRate - a.requestRate || byName(a, b),
  errors: (a, b) => b.errorRate - a.errorRate || b.errorCount - a.errorCount || byName(a, b),
  p95: (a, b) => nullsLast(a.p95Ms, b.p95Ms) || byName(a, b),
};

/** A sorted copy: trouble first by default; name A→Z; rate, errors and p95 biggest first. */
export function rankServices(services: readonly ServiceSummary[], order: ServiceOrder): ServiceSummary[] {
  return [...services].sort(compares[order]);
}

/** The services the "needs attention" strip names, most troubled first. */
export function servicesNeedingAttention(services: readonly ServiceSummary[]): ServiceSummary[] {
  return rankServices(services, "trouble").filter((summary) => serviceTrouble(summary).reasons.length > 0);
}
