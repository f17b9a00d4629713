"use client";

import Link from "next/link";
import { useMemo } from "react";
import { ServiceSwatch } from "@/components/trace/service-swatch";
import { formatDuration } from "@/lib/format/duration";
import { useTrace } from "@/lib/hooks/use-trace";
import type { Millis } from "@/lib/model/units";
import { compareTraces, type OperationDiff } from "@/lib/trace/compare-traces";
import { buildSpanTree } from "@/lib/trace/span-tree";
import { traceHref, traceSource } from "@/lib/trace/trace-url";

const ms = (value: number) => formatDuration(value as Millis);
const signed = (value: number) => (value === 0 ? "±0" : `${value > 0 ? "+" : "−"}${ms(Math.abs(value))}`);

/** Two traces side by side: per operation path, count, duration and self time on each side. */
export function TraceCompareView({ a, b }: { a: string | null; b: string | null }) {
  return (
    <main className="mx-auto flex w-full max-w-7xl flex-col gap-4 px-4 py-6">
      <h1 className="text-xl font-semibold">Compare traces</h1>
      <CompareForm a={a} b={b} />
      {a && b ? <Comparison a={a} b={b} /> : null}
    </main>
  );
}

function CompareForm({ a, b }: { a: string | null; b: string | null }) {
  const input =
    "w-80 max-w-full rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900";
  return (
    <form action="/traces/compare" method="get" className="flex flex-wrap items-end gap-3 text-sm">
      <label className="flex flex-col gap-1">
        <span>Trace A (baseline)</span>
        <input name="a" defaultValue={a ?? ""} required className={input} aria-label="Trace A" />
      </label>
      <label className="flex flex-col gap-1">
        <span>Trace B</span>
        <input name="b" defaultValue={b ?? ""} required className={input} aria-label="Trace B" />
      </label>
      <button
        type="submit"
        className="rounded-md border border-zinc-300 bg-white px-3 py-1 font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
      >
        Compare
      </button>
    </form>
  );
}

function Comparison({ a, b }: { a: string; b: string }) {
  const queryA = useTrace(traceSource(a));
  const queryB = useTrace(traceSource(b));
  const comparison = useMemo(() => {
    if (!queryA.data || !queryB.data) return null;
    const treeA = buildSpanTree(queryA.data.spans, queryA.data.timing, queryA.data.parentRows);
    const treeB = buildSpanTree(queryB.data.spans, queryB.data.timing, queryB.data.parentRows);
    return {
      durationA: treeA.traceDurationNs / 1e6,
      durationB: treeB.traceDurationNs / 1e6,
      spansA: treeA.spans.length,
      spansB: treeB.spans.length,
      ...compareTraces(treeA, treeB),
    };
  }, [queryA.data, queryB.data]);

  const failed = [
    queryA.isError ? `Trace A: ${queryA.error.message}` : null,
    queryB.isError ? `Trace B: ${queryB.error.message}` : null,
  ].filter(Boolean);
  if (failed.length > 0) {
    return (
      <p role="alert" className="text-red-700 dark:text-red-400">
        {failed.join(" ")}
      </p>
    );
  }
  if (!comparison) {
    return (
      <p role="status" aria-busy="true" className="text-zinc-500">
        Loading both traces…
      </p>
    );
  }

  return (
    <section aria-label="Trace comparison" className="flex flex-col gap-3">
      <dl className="grid grid-cols-[auto_minmax(0,1fr)_minmax(0,1fr)_auto] gap-x-3 gap-y-1 text-sm sm:gap-x-6">
        <dt />
        <dd className="font-medium">
          A{" "}
          <Link
            className="font-mono text-xs break-all text-blue-700 underline dark:text-blue-400"
            href={traceHref(a)}
          >
            {a}
          </Link>
        </dd>
        <dd className="font-medium">
          B{" "}
          <Link
            className="font-mono text-xs break-all text-blue-700 underline dark:text-blue-400"
            href={traceHref(b)}
          >
            {b}
          </Link>
        </dd>
        <dd className="font-medium">B − A</dd>
        <dt className="text-zinc-500">Duration</dt>
        <dd className="tabular-nums">{ms(comparison.durationA)}</dd>
        <dd className="tabular-nums">{ms(comparison.durationB)}</dd>
        <dd className="tabular-nums" data-testid="duration-delta">
          {signed(comparison.durationB - comparison.durationA)}
        </dd>
        <dt className="text-zinc-500">Spans</dt>
        <dd className="tabular-nums">{comparison.spansA}</dd>
        <dd className="tabular-nums">{comparison.spansB}</dd>
        <dd className="tabular-nums">{comparison.spansB - comparison.spansA}</dd>
      </dl>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Spans are aligned by service and span name, along with those of their ancestors. {comparison.onlyInA}{" "}
        operation path{comparison.onlyInA === 1 ? "" : "s"} only in A, {comparison.onlyInB} only in B. Largest
        change of total duration first.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Operations of both traces, by change of duration</caption>
          <thead className="text-left text-xs text-zinc-500 dark:text-zinc-400">
            <tr>
              <th className="py-1 pr-3 font-medium">Operation</th>
              <th className="px-2 text-right font-medium">Count A</th>
              <th className="px-2 text-right font-medium">Count B</th>
              <th className="px-2 text-right font-medium">Duration A</th>
              <th className="px-2 text-right font-medium">Duration B</th>
              <th className="px-2 text-right font-medium">Δ duration</th>
              <th className="px-2 text-right font-medium">Self A</th>
              <th className="px-2 text-right font-medium">Self B</th>
              <th className="px-2 text-right font-medium">Δ self</th>
            </tr>
          </thead>
          <tbody>
            {comparison.rows.map((row) => (
              <CompareRow key={row.key} row={row} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CompareRow({ row }: { row: OperationDiff }) {
  const side = row.a.count === 0 ? "only in B" : row.b.count === 0 ? "only in A" : null;
  const tone = (delta: number) =>
    delta > 0 ? "text-red-700 dark:text-red-400" : delta < 0 ? "text-green-700 dark:text-green-400" : "";
  return (
    <tr
      className="border-t border-zinc-100 align-top dark:border-zinc-800"
      data-side={side ?? "both"}
      data-operation={`${row.service}: ${row.name}`}
    >
      <td className="py-1 pr-3">
        <div className="flex items-center gap-1.5">
          <ServiceSwatch service={row.service} />
          <span className="font-medium">{row.name}</span>
          <span className="text-xs text-zinc-500">{row.service}</span>
          {side ? (
            <span className="rounded bg-amber-100 px-1 text-[11px] text-amber-900 dark:bg-amber-900/40 dark:text-amber-200">
              {side}
            </span>
          ) : null}
        </div>
        {row.ancestors.length > 0 ? (
          <div className="truncate text-xs text-zinc-500" title={row.ancestors.join(" › ")}>
            under {row.ancestors.join(" › ")}
          </div>
        ) : null}
      </td>
      <td className="px-2 text-right tabular-nums">{row.a.count}</td>
      <td className="px-2 text-right tabular-nums">{row.b.count}</td>
      <td className="px-2 text-right tabular-nums">{ms(row.a.totalMs)}</td>
      <td className="px-2 text-right tabular-nums">{ms(row.b.totalMs)}</td>
      <td className={`px-2 text-right tabular-nums ${tone(row.deltaMs)}`}>{signed(row.deltaMs)}</td>
      <td className="px-2 text-right tabular-nums">{ms(row.a.selfMs)}</td>
      <td className="px-2 text-right tabular-nums">{ms(row.b.selfMs)}</td>
      <td className={`px-2 text-right tabular-nums ${tone(row.deltaSelfMs)}`}>{signed(row.deltaSelfMs)}</td>
    </tr>
  );
}
