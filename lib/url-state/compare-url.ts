// The compare page's link: `/compare?service=…&baseline=version:1.0.0&candidate=version:1.1.0&range=1h`
// (or `from=&to=`). Without baseline and candidate the API compares the newest version in the
// range with the one before it. Pure: parsing and building links, no router.
import type { Parsed } from "@/lib/url-state/time-range";

export interface CompareQuery {
  /** null: no service picked yet */
  service: string | null;
  /** "version:V" or "range:FROM-TO" (epoch ms); null: the API's default */
  baseline: string | null;
  candidate: string | null;
}

const SIDE = /^(version:.+|range:\d+-\d+)$/;

export function parseCompareQuery(params: URLSearchParams): Parsed<CompareQuery> {
  const service = params.get("service")?.trim() || null;
  const sides: Partial<Record<"baseline" | "candidate", string | null>> = {};
  for (const name of ["baseline", "candidate"] as const) {
    const text = params.get(name)?.trim() || null;
    if (text !== null && !SIDE.test(text)) {
      return {
        ok: false,
        error: `${name}= must be version:VERSION (e.g. version:1.4.0) or range:FROM-TO (epoch milliseconds), not "${text}".`,
      };
    }
    sides[name] = text;
  }
  return {
    ok: true,
    value: { service, baseline: sides.baseline ?? null, candidate: sides.candidate ?? null },
  };
}

/** How a side reads on the page: "1.4.0", or the range as given. */
export function sideLabel(side: string): string {
  return side.startsWith("version:") ? side.slice("version:".length) : side;
}
