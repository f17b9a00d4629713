// A week of metrics from many services, written through the real store (MetricPointStore), for
// bench:query: per service, a cumulative http.server.request.duration histogram per route (the
// semantic-convention buckets, in seconds) and a cumulative request counter per route, one point
// per series every `intervalS` seconds, each service restarting once mid-week (new start time).
import type pg from "pg";
import type { MetricPointRow, MetricSeriesRow } from "@/lib/ingest/metrics/metric-row";
import { MetricPointStore } from "@/lib/ingest/metrics/store-metric-points";
import { DayPartitions } from "@/lib/ingest/shared/day-partitions";
import type { ResourceRow } from "@/lib/ingest/shared/normalize-resource";

const BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const WEEK_MS = 7 * 86_400_000;

export interface MetricWeek {
  points: number;
  series: number;
}

function series(id: number, service: number, name: string, type: 2 | 3, route: string): MetricSeriesRow {
  return {
    seriesId: BigInt(id),
    serviceName: `service-${service}`,
    resourceId: BigInt(1000 + service),
    scopeName: "bench",
    scopeVersion: null,
    metricName: name,
    description: null,
    unit: type === 3 ? "s" : "{request}",
    metricType: type,
    aggregationTemporality: 2,
    isMonotonic: type === 2,
    attributesJson: JSON.stringify({ "http.request.method": "GET", "http.route": route }),
    scopeAttributesJson: "{}",
    metadataJson: "{}",
  };
}

export async function loadMetricWeek(
  pool: pg.Pool,
  { services, routes, intervalS }: { services: number; routes: number; intervalS: number },
): Promise<MetricWeek> {
  const store = new MetricPointStore(pool, new DayPartitions("metric_points"));
  const now = Date.now();
  const begin = now - WEEK_MS;
  const steps = Math.floor(WEEK_MS / (intervalS * 1000));
  const resources: ResourceRow[] = Array.from({ length: services }, (_, s) => ({
    id: BigInt(1000 + s),
    serviceName: `service-${s}`,
    attributesJson: JSON.stringify({ "service.name": `service-${s}` }),
  }));
  let points = 0;
  let seriesCount = 0;
  for (let s = 0; s < services; s++) {
    const rows: MetricSeriesRow[] = [];
    const batch: MetricPointRow[] = [];
    for (let r = 0; r < routes; r++) {
      const route = `/api/resource-${r}/{id}`;
      const histogram = series(1 + (s * routes + r) * 2, s, "http.server.request.duration", 3, route);
      const counter = series(2 + (s * routes + r) * 2, s, "http.server.requests", 2, route);
      rows.push(histogram, counter);
      const counts = new Array(BOUNDS.length + 1).fill(0);
      let total = 0;
      let sum = 0;
      let start = BigInt(begin) * 1_000_000n;
      for (let i = 1; i <= steps; i++) {
        const time = BigInt(begin + i * intervalS * 1000) * 1_000_000n;
        if (i === Math.floor(steps / 2)) {
          // The process restarts: counts begin again, with a new start time.
          counts.fill(0);
          total = 0;
          sum = 0;
          start = time - 1_000_000_000n;
        }
        const requests = 20 + Math.floor(Math.random() * 20);
        for (let k = 0; k < requests; k++) {
          const seconds =
            (0.01 + r * 0.02) * Math.exp(0.6 * (Math.random() * 2 - 1)) * (Math.random() < 0.01 ? 20 : 1);
          const bucket = BOUNDS.findIndex((b) => seconds <= b);
          counts[bucket === -1 ? BOUNDS.length : bucket]++;
          sum += seconds;
        }
        total += requests;
        batch.push({
          seriesId: histogram.seriesId,
          timeUnixNano: time,
          startTimeUnixNano: start,
          value: null,
          intValue: null,
          histogramJson: JSON.stringify({
            count: String(total),
            sum,
            explicitBounds: BOUNDS,
            bucketCounts: counts.map(String),
          }),
          exemplarsJson: null,
          flags: 0,
        });
        batch.push({
          seriesId: counter.seriesId,
          timeUnixNano: time,
          startTimeUnixNano: start,
          value: total,
          intValue: BigInt(total),
          histogramJson: null,
          exemplarsJson: null,
          flags: 0,
        });
      }
    }
    for (let i = 0; i < batch.length; i += 20_000) {
      points += await store.write(batch.slice(i, i + 20_000), [resources[s] as ResourceRow, ...rows]);
    }
    seriesCount += rows.length;
    process.stdout.write(`  service ${s + 1}/${services}: ${points.toLocaleString("en-US")} points\r`);
  }
  return { points, series: seriesCount };
}
