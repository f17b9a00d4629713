// Metric shapes as the queries compute them and the API serves them (docs/api.md § Metrics).
// Times are epoch milliseconds; values are in the metric's own unit.
import { z } from "zod";
import { METRIC_TYPES } from "@/lib/metrics/metric-stats";

export const metricTypeSchema = z.enum(METRIC_TYPES);

export const metricSummarySchema = z.object({
  name: z.string(),
  type: metricTypeSchema,
  unit: z.string().nullable(),
  description: z.string().nullable(),
  services: z.array(z.string()),
  /** point attribute keys, plus service.name */
  attributeKeys: z.array(z.string()),
  /** up to 50 values seen per key, for filter pickers */
  attributeValues: z.record(z.string(), z.array(z.string())),
});
export type MetricSummary = z.infer<typeof metricSummarySchema>;

export const metricPointSchema = z.object({ t: z.number(), v: z.number().nullable() });
export type MetricPoint = z.infer<typeof metricPointSchema>;

export const metricSeriesSchema = z.object({
  labels: z.record(z.string(), z.string()),
  points: z.array(metricPointSchema),
});
export type MetricSeries = z.infer<typeof metricSeriesSchema>;

export const metricExemplarSchema = z.object({
  t: z.number(),
  /** the measurement the exemplar stands for; null when it carried none */
  v: z.number().nullable(),
  traceId: z.string(),
  spanId: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
});
export type MetricExemplar = z.infer<typeof metricExemplarSchema>;

/** Bucket counts per step (with heatmap=1): row i counts values in (bounds[i-1], bounds[i]]. */
export const metricHeatmapSchema = z.object({
  bounds: z.array(z.number()),
  /** per step of the grid (t = from + i·stepMs); null where the step has no data */
  counts: z.array(z.array(z.number()).nullable()),
});
export type MetricHeatmap = z.infer<typeof metricHeatmapSchema>;

export const metricQueryResultSchema = z.object({
  from: z.number(),
  to: z.number(),
  stepMs: z.number(),
  name: z.string(),
  type: metricTypeSchema,
  unit: z.string().nullable(),
  stat: z.string(),
  series: z.array(metricSeriesSchema),
  /** exemplars with a trace id in the window (the latest 200) */
  exemplars: z.array(metricExemplarSchema),
  /** with heatmap=1 on a histogram; null when no step holds a measurement */
  heatmap: metricHeatmapSchema.nullable().optional(),
});
export type MetricQueryResult = z.infer<typeof metricQueryResultSchema>;
