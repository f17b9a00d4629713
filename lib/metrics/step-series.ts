// The second stage of a metrics query: values already reduced per series (increases of cumulative
// points, delta points, per-step gauge aggregates) are put on the step grid and merged across the
// series of each group, then read out as the requested statistic. Pure. docs/metrics.md.
import { type ExplicitHistogram, explicitQuantile, mergeExplicit } from "./explicit-histogram";
import { type ExponentialHistogram, exponentialQuantile, mergeExponential } from "./exponential-histogram";
import { type MetricStat, quantileOf } from "./metric-stats";

export type Labels = Record<string, string>;

export interface StepGrid {
  /** start of the first step, ns */
  fromNs: bigint;
  stepNs: bigint;
  slots: number;
}

/** The step a time falls in, or -1 outside the grid. */
export function slotOf(grid: StepGrid, timeNs: bigint): number {
  if (timeNs < grid.fromNs) return -1;
  const slot = Number((timeNs - grid.fromNs) / grid.stepNs);
  return slot < grid.slots ? slot : -1;
}

export interface SeriesValue<V> {
  series: string;
  time: bigint;
  value: V;
}

export interface GroupedSteps<V> {
  labels: Labels;
  steps: (V | undefined)[];
}

/** Values merged per group (the labels of the groupBy keys) and step. Groups sorted by labels. */
export function groupOnGrid<V>(
  values: Iterable<SeriesValue<V>>,
  labelsOf: (series: string) => Labels,
  grid: StepGrid,
  merge: (into: V, part: V) => V,
): GroupedSteps<V>[] {
  const groups = new Map<string, GroupedSteps<V>>();
  for (const { series, time, value } of values) {
    const slot = slotOf(grid, time);
    if (slot < 0) continue;
    const labels = labelsOf(series);
    const key = JSON.stringify(labels);
    let group = groups.get(key);
    if (group === undefined) {
      group = { labels, steps: new Array(grid.slots).fill(undefined) };
      groups.set(key, group);
    }
    const current = group.steps[slot];
    group.steps[slot] = current === undefined ? value : merge(current, value);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
}

/** Per-step aggregates of gauge points of one series (or merged across series). */
export interface GaugeStep {
  count: number;
  sum: number;
  min: number;
  max: number;
  /** latest value of each series, summed when series are merged */
  last: number;
}

export function mergeGauge(a: GaugeStep, b: GaugeStep): GaugeStep {
  return {
    count: a.count + b.count,
    sum: a.sum + b.sum,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
    last: a.last + b.last,
  };
}

export function gaugeStat(step: GaugeStep, stat: MetricStat): number | null {
  if (stat === "last") return step.last;
  if (stat === "min") return step.min;
  if (stat === "max") return step.max;
  if (stat === "avg") return step.count > 0 ? step.sum / step.count : null;
  return null;
}

/** sum: the increase within the step; rate: the same per second. */
export function sumStat(increase: number, stat: MetricStat, stepMs: number): number | null {
  if (stat === "sum") return increase;
  if (stat === "rate") return increase / (stepMs / 1000);
  return null;
}

export type AnyHistogram = ExplicitHistogram | ExponentialHistogram;

const isExponential = (h: AnyHistogram): h is ExponentialHistogram => "scale" in h;

export function mergeHistogram<H extends AnyHistogram>(into: H, part: H): H {
  return (
    isExponential(into)
      ? mergeExponential(into, part as ExponentialHistogram)
      : mergeExplicit(into, part as ExplicitHistogram)
  ) as H;
}

export function histogramStat(h: AnyHistogram, stat: MetricStat): number | null {
  const q = quantileOf(stat);
  if (q !== null) return isExponential(h) ? exponentialQuantile(h, q) : explicitQuantile(h, q);
  if (stat === "count") return h.count;
  if (stat === "sum") return h.sum;
  if (stat === "avg") return h.count > 0 && h.sum !== null ? h.sum / h.count : null;
  return null;
}
