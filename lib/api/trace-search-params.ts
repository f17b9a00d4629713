// Parses GET /api/traces query parameters (docs/api.md § Search traces) into a TraceSearch.
// Every malformed parameter is a BadRequestError whose message says how to fix it.

import { parseInstant } from "@/lib/api/params";
import type { AttributeFilter, SearchCursor, TraceSearch } from "@/lib/contracts/trace-search";
import { type TraceSearchSort, traceSearchSorts } from "@/lib/contracts/trace-search-schema";
import { BadRequestError } from "@/lib/model/request-errors";

const HOUR_MS = 3_600_000;
const MAX_WINDOW_MS = 90 * 86_400_000;
export const MAX_ATTR_FILTERS = 10;
export const DEFAULT_SEARCH_LIMIT = 50;
export const MAX_SEARCH_LIMIT = 1000;

export function parseTraceSearch(params: URLSearchParams, now = Date.now()): TraceSearch {
  const known = new Set([
    "service",
    "endpoint",
    "name",
    "attr",
    "minDurationMs",
    "maxDurationMs",
    "status",
    "from",
    "to",
    "sort",
    "limit",
    "cursor",
  ]);
  for (const key of params.keys()) {
    if (!known.has(key)) {
      throw new BadRequestError(`unknown parameter "${key}": use ${[...known].join(", ")}`);
    }
  }
  const toText = params.get("to");
  const fromText = params.get("from");
  const to = toText ? parseInstant("to", toText) : now;
  const from = fromText ? parseInstant("from", fromText) : to - HOUR_MS;
  if (from >= to) throw new BadRequestError(`from must be before to (from=${from}, to=${to})`);
  if (to - from > MAX_WINDOW_MS) throw new BadRequestError("the window may span at most 90 days");

  const minDurationNanos = durationParam(params, "minDurationMs");
  const maxDurationNanos = durationParam(params, "maxDurationMs");
  if (minDurationNanos !== null && maxDurationNanos !== null && minDurationNanos > maxDurationNanos) {
    throw new BadRequestError("minDurationMs must not exceed maxDurationMs");
  }

  const status = params.get("status");
  if (status !== null && status !== "error" && status !== "ok") {
    throw new BadRequestError(`status="${status}" is not valid: use status=error or status=ok`);
  }
  const sort = params.get("sort") ?? "start";
  if (!isSort(sort)) {
    throw new BadRequestError(`sort="${sort}" is not valid: use one of ${traceSearchSorts.join(", ")}`);
  }
  const limitText = params.get("limit");
  const limit = limitText === null ? DEFAULT_SEARCH_LIMIT : Number(limitText);
  if (!/^\d+$/.test(limitText ?? "1") || !Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    throw new BadRequestError(`limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}`);
  }
  const cursorText = params.get("cursor");

  return {
    from,
    to,
    service: textParam(params, "service"),
    endpoint: textParam(params, "endpoint"),
    name: textParam(params, "name"),
    attrs: params.getAll("attr").map(parseAttr),
    minDurationNanos,
    maxDurationNanos,
    status,
    sort,
    limit,
    cursor: cursorText ? decodeCursor(cursorText, sort) : null,
  };
}

function isSort(text: string): text is TraceSearchSort {
  return (traceSearchSorts as readonly string[]).includes(text);
}

function textParam(params: URLSearchParams, name: string): string | null {
  const values = params.getAll(name);
  if (values.length > 1) throw new BadRequestError(`give ${name} at most once`);
  const value = values[0];
  if (value === "") throw new BadRequestError(`${name} is empty: give a value or leave it out`);
  return value ?? null;
}

/** Milliseconds with up to six decimals (nanoseconds), converted exactly. */
function durationParam(params: URLSearchParams, name: string): bigint | null {
  const text = textParam(params, name);
  if (text === null) return null;
  const match = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(text);
  if (!match) {
    throw new BadRequestError(
      `${name}="${text}" is not a duration: use milliseconds, decimals allowed (e.g. 250 or 0.5)`,
    );
  }
  const fraction = (match[2] ?? "").padEnd(6, "0");
  return BigInt(match[1] as string) * 1_000_000n + BigInt(fraction);
}

function parseAttr(text: string, index: number): AttributeFilter {
  if (index >= MAX_ATTR_FILTERS) throw new BadRequestError(`give at most ${MAX_ATTR_FILTERS} attr filters`);
  const separator = text.indexOf("=");
  if (separator < 1) {
    throw new BadRequestError(
      `attr="${text}" is not a filter: use attr=key=value (URL-encoded), e.g. attr=http.route%3D%2Forders`,
    );
  }
  return { key: text.slice(0, separator), value: text.slice(separator + 1) };
}

function decodeCursor(text: string, sort: TraceSearchSort): SearchCursor {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    decoded = null;
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 3 ||
    typeof decoded[1] !== "string" ||
    !/^-?\d{1,20}$/.test(decoded[1]) ||
    typeof decoded[2] !== "string" ||
    !/^[0-9a-f]{32}$/.test(decoded[2])
  ) {
    throw new BadRequestError("cursor is not one this API returned: pass nextCursor unchanged");
  }
  if (decoded[0] !== sort) {
    throw new BadRequestError(
      `cursor belongs to sort=${String(decoded[0])}: start again without cursor when changing the sort`,
    );
  }
  return { value: decoded[1], traceId: decoded[2] };
}
