// Response contracts of the metrics API (docs/api.md § Metrics, docs/metrics.md), shared by the
// route handlers and the hooks.
import { z } from "zod";
import { metricQueryResultSchema, metricSummarySchema } from "@/lib/metrics/metric-schemas";

export const metricsResponseSchema = z.object({
  from: z.number(),
  to: z.number(),
  metrics: z.array(metricSummarySchema),
});
export type MetricsResponse = z.infer<typeof metricsResponseSchema>;

/** GET /api/metrics/query: the query's result as computed (lib/queries/metrics/get-metric-query.ts). */
export const metricQueryResponseSchema = metricQueryResultSchema;
export type MetricQueryResponse = z.infer<typeof metricQueryResponseSchema>;
