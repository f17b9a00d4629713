// Parses GET /api/metrics/query parameters (docs/api.md § Metrics); every mistake is a 400 whose
// message says how to fix the request. Whether the stat fits the metric's type is checked once
// the type is known (lib/queries/metrics/get-metric-series.ts).
import { parseStep, parseWindow, requiredParam } from "@/lib/api/params";
import type { MetricQueryParams } from "@/lib/metrics/metric-query";
import { type MetricStat, STATS_BY_TYPE } from "@/lib/metrics/metric-stats";
import { BadRequestError } from "@/lib/model/request-errors";

const MAX_GROUP_KEYS = 5;
const MAX_FILTERS = 20;
const ALL_STATS = [...new Set(Object.values(STATS_BY_TYPE).flat())] as MetricStat[];

export function parseMetricQuery(params: URLSearchParams): MetricQueryParams {
  const name = requiredParam(params, "name");
  const window = parseWindow(params);
  const stepMs = parseStep(params, window);
  const statText = params.get("stat");
  if (statText && !(ALL_STATS as string[]).includes(statText)) {
    throw new BadRequestError(`stat="${statText}" is unknown: use one of ${ALL_STATS.join(", ")}`);
  }
  const groupBy = params
    .getAll("groupBy")
    .flatMap((text) => text.split(","))
    .map((key) => key.trim())
    .filter((key) => key !== "");
  if (new Set(groupBy).size !== groupBy.length) throw new BadRequestError("groupBy names a key twice");
  if (groupBy.length > MAX_GROUP_KEYS) {
    throw new BadRequestError(`groupBy takes at most ${MAX_GROUP_KEYS} keys, comma-separated`);
  }
  const filterTexts = params.getAll("filter");
  if (filterTexts.length > MAX_FILTERS) throw new BadRequestError(`at most ${MAX_FILTERS} filter parameters`);
  const filters = filterTexts.map((text): [string, string] => {
    const at = text.indexOf("=");
    if (at <= 0) {
      throw new BadRequestError(`filter="${text}" must be key=value, e.g. filter=http.route=/orders`);
    }
    return [text.slice(0, at), text.slice(at + 1)];
  });
  const heatmapText = params.get("heatmap");
  if (heatmapText !== null && heatmapText !== "1" && heatmapText !== "0") {
    throw new BadRequestError(`heatmap="${heatmapText}" must be 1 (bucket counts per step) or 0`);
  }
  return {
    name,
    service: params.get("service") || null,
    window,
    stepMs,
    stat: statText ? (statText as MetricStat) : null,
    groupBy,
    filters,
    heatmap: heatmapText === "1",
  };
}
