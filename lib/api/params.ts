// Parses the from/to/step query parameters shared by the latency API (docs/api.md).
// Rollups have one-minute resolution, so windows are aligned to whole minutes and steps are
// whole minutes.
import { BadRequestError } from "@/lib/model/request-errors";
import type { TimeWindow } from "@/lib/model/time-window";

export const MINUTE_MS = 60_000;
const DEFAULT_WINDOW_MS = 3_600_000;
const MAX_WINDOW_MS = 90 * 86_400_000;
const NICE_STEPS_MIN = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440];

/** Epoch milliseconds or an ISO 8601 timestamp. */
export function parseInstant(name: string, text: string): number {
  const value = /^-?\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(value)) {
    throw new BadRequestError(`${name}="${text}" is not a time: use epoch milliseconds or ISO 8601`);
  }
  return value;
}

/** from/to with defaults (the last hour), aligned outwards to whole minutes. */
export function parseWindow(params: URLSearchParams, now = Date.now()): TimeWindow {
  const fromText = params.get("from");
  const toText = params.get("to");
  const to = toText ? parseInstant("to", toText) : now;
  const from = fromText ? parseInstant("from", fromText) : to - DEFAULT_WINDOW_MS;
  if (from >= to) throw new BadRequestError(`from must be before to (from=${from}, to=${to})`);
  if (to - from > MAX_WINDOW_MS) throw new BadRequestError("the window may span at most 90 days");
  return { from: Math.floor(from / MINUTE_MS) * MINUTE_MS, to: Math.ceil(to / MINUTE_MS) * MINUTE_MS };
}

/** step: milliseconds (a whole number of minutes), or chosen to give 60–300 points. */
export function parseStep(params: URLSearchParams, window: TimeWindow): number {
  const text = params.get("step");
  const span = window.to - window.from;
  if (text) {
    const step = Number(text);
    if (!Number.isInteger(step) || step < MINUTE_MS || step % MINUTE_MS !== 0) {
      throw new BadRequestError(
        `step="${text}" must be a whole number of minutes in milliseconds (e.g. 60000)`,
      );
    }
    if (span / step > 2000)
      throw new BadRequestError(`step=${step} gives more than 2000 points; use a larger step`);
    return step;
  }
  for (const minutes of NICE_STEPS_MIN) {
    if (span / (minutes * MINUTE_MS) <= 300) return minutes * MINUTE_MS;
  }
  return (NICE_STEPS_MIN.at(-1) as number) * MINUTE_MS;
}

/** A required, non-empty query parameter. */
export function requiredParam(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (!value) throw new BadRequestError(`the ${name} parameter is required`);
  return value;
}

/** selectFrom/selectTo: a stretch of time inside the window (both or neither); null when absent. */
export function parseSelection(params: URLSearchParams): TimeWindow | null {
  const fromText = params.get("selectFrom");
  const toText = params.get("selectTo");
  if (fromText === null && toText === null) return null;
  if (fromText === null || toText === null) {
    throw new BadRequestError(
      "selectFrom and selectTo go together: pass both (epoch ms or ISO 8601) or neither",
    );
  }
  const selection = { from: parseInstant("selectFrom", fromText), to: parseInstant("selectTo", toText) };
  if (selection.from >= selection.to) throw new BadRequestError("selectFrom must be before selectTo");
  return selection;
}
