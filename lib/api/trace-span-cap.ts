// How many spans GET /api/traces/{traceId} returns: all of them by default (the API contract),
// `maxSpans=N` for at most N, `view=page` for the trace page's cap (TRACE_PAGE_MAX_SPANS), so a
// trace of millions of spans cannot freeze a browser tab.
import { loadConfig } from "@/lib/config";
import { BadRequestError } from "@/lib/model/request-errors";

export function parseTraceSpanCap(searchParams: URLSearchParams): number | undefined {
  const view = searchParams.get("view");
  const maxSpans = searchParams.get("maxSpans");
  if (view !== null && view !== "page") {
    throw new BadRequestError(`view "${view}" is not supported: use view=page or leave it out`);
  }
  let cap: number | undefined;
  if (maxSpans !== null) {
    if (!/^\d{1,9}$/.test(maxSpans) || Number(maxSpans) < 1) {
      throw new BadRequestError(`maxSpans "${maxSpans}" is not a positive whole number`);
    }
    cap = Number(maxSpans);
  }
  if (view === "page") {
    const pageCap = loadConfig().tracePageMaxSpans;
    cap = cap === undefined ? pageCap : Math.min(cap, pageCap);
  }
  return cap;
}

/** `format=compact` for the columnar shape the trace page reads; the documented JSON otherwise. */
export function parseTraceFormat(searchParams: URLSearchParams): "json" | "compact" {
  const format = searchParams.get("format");
  if (format === null || format === "json") return "json";
  if (format === "compact") return "compact";
  throw new BadRequestError(`format "${format}" is not supported: use format=compact or leave it out`);
}

/** TRACE_PAGE_KEEP_MIN_SPANS: traces of at least this many spans keep their page answer (0: off). */
export function tracePageKeepMinSpans(): number {
  return loadConfig().tracePageKeepMinSpans;
}
