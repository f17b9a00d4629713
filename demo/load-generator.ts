// Drives the shop's frontend at a steady rate with a mix of shoppers' requests, each scenario
// next to its fixed twin (docs/demo.md), and flushes the inventory cache now and then.

export interface LoadStats {
  sent: number;
  errors: number;
  inFlight: number;
  cacheFlushes: number;
}

interface Scenario {
  weight: number;
  request: () => { path: string; init?: RequestInit };
}

const SKUS = 200;
const CUSTOMERS = 2000;
/** Most shoppers look at a few popular products: that is what makes a cache worth having. */
const popularSku = () => `SKU-${String(1 + Math.floor(SKUS * Math.random() ** 4)).padStart(4, "0")}`;
const customer = () => 1 + Math.floor(Math.random() * CUSTOMERS);

const SCENARIOS: Scenario[] = [
  { weight: 22, request: () => ({ path: `/products/${popularSku()}` }) },
  { weight: 22, request: () => ({ path: `/products/${popularSku()}/parallel` }) },
  { weight: 12, request: () => ({ path: `/account/${customer()}/orders` }) },
  { weight: 12, request: () => ({ path: `/account/${customer()}/orders/batched` }) },
  { weight: 8, request: () => ({ path: `/search?email=customer${customer()}%40example.com` }) },
  { weight: 8, request: () => ({ path: `/search/indexed?email=customer${customer()}%40example.com` }) },
  {
    weight: 16,
    request: () => ({
      path: "/checkout",
      init: {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ customerId: customer(), skus: [popularSku(), popularSku()] }),
      },
    }),
  },
];
const TOTAL_WEIGHT = SCENARIOS.reduce((sum, scenario) => sum + scenario.weight, 0);

function pickScenario(): Scenario {
  let roll = Math.random() * TOTAL_WEIGHT;
  for (const scenario of SCENARIOS) {
    roll -= scenario.weight;
    if (roll < 0) return scenario;
  }
  return SCENARIOS[0] as Scenario;
}

/** Beyond this many unanswered requests the generator skips a beat instead of piling on. */
const MAX_IN_FLIGHT = 64;

export class LoadGenerator {
  readonly stats: LoadStats = { sent: 0, errors: 0, inFlight: 0, cacheFlushes: 0 };
  private timers: NodeJS.Timeout[] = [];
  private pending = new Set<Promise<void>>();

  constructor(
    private readonly frontendUrl: string,
    private readonly inventoryUrl: string,
    private readonly options: { rate: number; cacheFlushEveryMs: number },
  ) {}

  start(): void {
    const interval = 1_000 / this.options.rate;
    // One tick per 10 ms at most; higher rates send several requests per tick.
    const tickMs = Math.max(10, interval);
    let owed = 0;
    this.timers.push(
      setInterval(() => {
        owed += tickMs / interval;
        while (owed >= 1) {
          owed -= 1;
          if (this.stats.inFlight < MAX_IN_FLIGHT) this.send();
        }
      }, tickMs),
      setInterval(() => void this.flushCache(), this.options.cacheFlushEveryMs),
    );
  }

  /** Stops sending and waits (up to `ms`) for the requests still in flight. */
  async stop(ms = 10_000): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await Promise.race([Promise.all(this.pending), new Promise((resolve) => setTimeout(resolve, ms))]);
  }

  private send(): void {
    const { path, init } = pickScenario().request();
    this.stats.sent += 1;
    this.stats.inFlight += 1;
    const done = fetch(`${this.frontendUrl}${path}`, { ...init, signal: AbortSignal.timeout(10_000) })
      .then(async (response) => {
        await response.arrayBuffer();
        if (response.status >= 500) this.stats.errors += 1;
      })
      .catch(() => {
        this.stats.errors += 1;
      })
      .finally(() => {
        this.stats.inFlight -= 1;
        this.pending.delete(done);
      });
    this.pending.add(done);
  }

  private async flushCache(): Promise<void> {
    const response = await fetch(`${this.inventoryUrl}/admin/cache/flush`, { method: "POST" }).catch(
      () => null,
    );
    if (response?.ok) this.stats.cacheFlushes += 1;
  }
}
