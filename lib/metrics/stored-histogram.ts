// metric_points.histogram (OTLP/JSON form, written by lib/otlp/normalize-metrics.ts) → the
// in-memory histograms of explicit-histogram.ts / exponential-histogram.ts. A summary becomes a
// one-bucket explicit histogram: its count and sum then subtract and merge like any other.
import { z } from "zod";
import type { ExplicitHistogram } from "./explicit-histogram";
import type { ExponentialHistogram } from "./exponential-histogram";

/** doubleValue() writes non-finite doubles as strings ("NaN", "Infinity"). */
const double = z.union([z.number(), z.string()]).transform(Number);
const count = z.string().transform(Number);

const explicitSchema = z.object({
  count,
  sum: double.optional(),
  min: double.optional(),
  max: double.optional(),
  explicitBounds: z.array(double),
  bucketCounts: z.array(count),
});

const bucketsSchema = z.object({ offset: z.number(), bucketCounts: z.array(count) });
const exponentialSchema = z.object({
  count,
  sum: double.optional(),
  min: double.optional(),
  max: double.optional(),
  scale: z.number(),
  zeroCount: count,
  positive: bucketsSchema,
  negative: bucketsSchema,
});

const summarySchema = z.object({ count, sum: double });

/**
 * The common shape read without zod: a week-long query parses tens of thousands of points, and
 * the schema's per-field transforms cost ~10× this. Anything unusual (non-finite doubles written
 * as strings, missing fields) goes through the schema.
 */
function fastExplicit(json: unknown): z.infer<typeof explicitSchema> | null {
  if (typeof json !== "object" || json === null) return null;
  const { count, sum, min, max, explicitBounds, bucketCounts } = json as Record<string, unknown>;
  if (typeof count !== "string" || !Array.isArray(explicitBounds) || !Array.isArray(bucketCounts))
    return null;
  for (const v of [sum, min, max]) if (v !== undefined && typeof v !== "number") return null;
  if (!explicitBounds.every((b) => typeof b === "number")) return null;
  const counts: number[] = [];
  for (const c of bucketCounts) {
    if (typeof c !== "string") return null;
    counts.push(Number(c));
  }
  return {
    count: Number(count),
    sum: sum as number | undefined,
    min: min as number | undefined,
    max: max as number | undefined,
    explicitBounds: explicitBounds as number[],
    bucketCounts: counts,
  };
}

export function parseExplicit(json: unknown): ExplicitHistogram {
  const h = fastExplicit(json) ?? explicitSchema.parse(json);
  // A point without buckets (bucket_counts empty) still has a count and sum.
  const counts = h.bucketCounts.length > 0 ? h.bucketCounts : [h.count];
  const bounds = h.bucketCounts.length > 0 ? h.explicitBounds : [];
  return { bounds, counts, count: h.count, sum: h.sum ?? null, min: h.min ?? null, max: h.max ?? null };
}

function bucketMap({ offset, bucketCounts }: z.infer<typeof bucketsSchema>): Map<number, number> {
  const map = new Map<number, number>();
  bucketCounts.forEach((c, i) => {
    if (c > 0) map.set(offset + i, c);
  });
  return map;
}

export function parseExponential(json: unknown): ExponentialHistogram {
  const h = exponentialSchema.parse(json);
  return {
    scale: h.scale,
    zeroCount: h.zeroCount,
    positive: bucketMap(h.positive),
    negative: bucketMap(h.negative),
    count: h.count,
    sum: h.sum ?? null,
    min: h.min ?? null,
    max: h.max ?? null,
  };
}

export function parseSummary(json: unknown): ExplicitHistogram {
  const h = summarySchema.parse(json);
  return { bounds: [], counts: [h.count], count: h.count, sum: h.sum, min: null, max: null };
}
