// What a trace analyser is: a pure function from one quiet trace's spans to result rows, and a
// writer that replaces the trace's previous results with them. The scheduler
// (lib/analysis/analyze-quiet-traces.ts) decides when traces are analysed — once quiet, and again
// whenever more of a trace arrives — loads their spans once for every analyser, and records in
// trace_analyses which version each analyser saw. Cache attribution is the first analyser;
// N+1 and sequential-call detectors are the next.
import type { Db } from "@/lib/db/sql";
import type { Attributes } from "@/lib/model/attribute-value";

/** One span as analysers see it. Ids are raw bytes; times exact. */
export interface AnalysisSpan {
  spanId: Buffer;
  parentSpanId: Buffer | null;
  serviceName: string;
  name: string;
  kind: number;
  statusCode: number;
  /** set on request spans (SERVER/CONSUMER) only */
  endpoint: string | null;
  cacheResult: number | null;
  startTimeUnixNano: bigint;
  durationNano: bigint;
  /** only loaded when an analyser interested in the trace sets `needsAttributes` */
  attributes: Attributes | null;
}

/** What `traces` knows about a trace before its spans are loaded. */
export interface TraceSummary {
  traceId: Buffer;
  spanCount: number;
  cacheLookups: number;
}

export interface AnalyzedTrace {
  traceId: Buffer;
  /** the ingest version whose spans were analysed */
  version: number;
  spans: AnalysisSpan[];
}

export interface TraceAnalyzer<Result = unknown> {
  /** stored in trace_analyses.analyzer: never rename a shipped analyser */
  readonly name: string;
  /** cheap test on the summary: traces it returns false for are not loaded for this analyser */
  wants(summary: TraceSummary): boolean;
  readonly needsAttributes?: boolean;
  /** pure: no I/O */
  analyze(trace: AnalyzedTrace): Result;
  /** in the scheduler's transaction: replace these traces' previous results with `results` */
  store(tx: Db, traces: AnalyzedTrace[], results: Result[]): Promise<void>;
}
