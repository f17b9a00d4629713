// Ingest yields to the dashboard in a process that serves both: the web process's event loop is
// where a dashboard request waits while a flood is decoded and normalised (bench:overload measured
// its delay p99 at ~450 ms during a 256-sender flood, with no query waiting for the pool and
// PostgreSQL answering in ~13 ms). So the number of ingest requests admitted at once follows the
// measured event-loop delay, additive increase / multiplicative decrease (as TCP does): each
// interval whose delay p99 is above the target halves the limit, each one below it adds one, between
// `min` and INGEST_MAX_INFLIGHT_REQUESTS. Past the limit senders get 429 / RESOURCE_EXHAUSTED with
// Retry-After; admitted requests are stored as always (an acknowledged export is committed).
// Only while someone uses the dashboard (a page or API request in the last `watchedForMs`): with
// nobody looking, ingest keeps its whole INGEST_MAX_INFLIGHT_REQUESTS.
import { type IntervalHistogram, monitorEventLoopDelay } from "node:perf_hooks";

export interface EventLoopYieldOptions {
  /** INGEST_YIELD_EVENT_LOOP_DELAY_MS: the event-loop delay p99 above which ingest backs off */
  targetDelayMs: number;
  /** the ceiling: INGEST_MAX_INFLIGHT_REQUESTS */
  max: number;
  /** never fewer requests than this at once, so ingest always progresses */
  min?: number;
  intervalMs?: number;
  /** how long after the last dashboard request ingest keeps yielding */
  watchedForMs?: number;
}

export class EventLoopYield {
  private current: number;
  private lastDelayMs = 0;
  private lastDashboardRequest = Number.NEGATIVE_INFINITY;
  private readonly histogram: IntervalHistogram;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: EventLoopYieldOptions) {
    this.current = options.max;
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
    this.histogram.enable();
    this.timer = setInterval(() => this.adjust(), options.intervalMs ?? 500);
    this.timer.unref();
  }

  /** ingest requests admitted at once right now */
  get limit(): number {
    return this.current;
  }

  /** a dashboard page or API request arrived: ingest yields to it for a while */
  noteDashboardRequest(): void {
    this.lastDashboardRequest = performance.now();
  }

  /** why requests past the limit are refused, for the sender */
  describe(): string {
    return (
      `ingest is yielding to the dashboard: event-loop delay p99 ${this.lastDelayMs.toFixed(0)} ms ` +
      `(INGEST_YIELD_EVENT_LOOP_DELAY_MS=${this.options.targetDelayMs}), ${this.current} requests at once`
    );
  }

  private adjust(): void {
    // An interval without any sample (a blocked loop reports on its next tick) keeps the limit.
    if (this.histogram.count === 0) return;
    this.lastDelayMs = this.histogram.percentile(99) / 1e6;
    this.histogram.reset();
    if (performance.now() - this.lastDashboardRequest > (this.options.watchedForMs ?? 10_000)) {
      this.current = this.options.max;
      return;
    }
    const min = this.options.min ?? 4;
    if (this.lastDelayMs > this.options.targetDelayMs) {
      this.current = Math.max(min, Math.floor(this.current / 2));
    } else {
      this.current = Math.min(this.options.max, this.current + 1);
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }
}
