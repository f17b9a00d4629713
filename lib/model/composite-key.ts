// Map keys made of several names (minute + service + endpoint, …), used wherever rows are grouped
// in JS before an upsert or a merge. NUL separates the parts: it cannot occur in a stored name,
// because ingest strips it (lib/ingest/shared/sanitize.ts), so keys never collide.

const SEP = "\u0000";

export function compositeKey(...parts: ReadonlyArray<string | number | bigint>): string {
  return parts.join(SEP);
}

export function splitKey(key: string): string[] {
  return key.split(SEP);
}

/** The key of one endpoint of one service, shared by every query that joins per-endpoint figures. */
export function endpointKey(service: string, endpoint: string): string {
  return compositeKey(service, endpoint);
}

/**
 * Entries sorted by key, and their key parts as columns (one array per part) ready for
 * `unnest($1::…[], $2::…[])`. Sorted so that concurrent writers lock rows in one order.
 */
export function keyedColumns<T>(
  entries: Iterable<[string, T]>,
  parts: number,
): { keys: string[][]; values: T[] } {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const split = sorted.map(([key]) => splitKey(key));
  return {
    keys: Array.from({ length: parts }, (_, column) => split.map((key) => key[column] as string)),
    values: sorted.map(([, value]) => value),
  };
}
