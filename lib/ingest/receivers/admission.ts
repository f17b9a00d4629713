// Admission control shared by the OTLP/HTTP and OTLP/gRPC receivers: at most
// INGEST_MAX_INFLIGHT_REQUESTS requests and INGEST_MAX_INFLIGHT_BYTES request bytes are being
// handled at once (from arrival to answer, storing included); past either, the sender is refused
// at once (HTTP 429 + Retry-After, gRPC RESOURCE_EXHAUSTED + RetryInfo) instead of waiting in
// memory. Counted before the body is read, so refusing costs no body bytes (an HTTP body sent
// without Content-Length counts as 0 bytes here; the receivers' read budget still bounds it).

export class InflightLimitError extends Error {
  override name = "InflightLimitError";
}

export interface AdmissionLimits {
  maxRequests: number;
  maxBytes: number;
}

/** A limit on requests at once that moves with the process's load (event-loop-yield.ts). */
export interface AdaptiveLimit {
  readonly limit: number;
  describe(): string;
}

export class IngestAdmission {
  private requests = 0;
  private bytes = 0;

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly adaptive?: AdaptiveLimit,
  ) {}

  /**
   * Admits a request of `bytes` or throws InflightLimitError; the returned function releases it
   * (call it once, when the request is answered). A request alone larger than the byte limit is
   * admitted when nothing else is in flight, so it is slowed down, never refused forever.
   */
  admit(bytes: number): () => void {
    if (this.requests >= this.limits.maxRequests) {
      throw new InflightLimitError(
        `${this.requests} requests in flight (INGEST_MAX_INFLIGHT_REQUESTS=${this.limits.maxRequests}); retry later`,
      );
    }
    if (this.requests > 0 && this.bytes + bytes > this.limits.maxBytes) {
      throw new InflightLimitError(
        `${this.bytes} request bytes in flight (INGEST_MAX_INFLIGHT_BYTES=${this.limits.maxBytes}); retry later`,
      );
    }
    if (this.adaptive && this.requests >= this.adaptive.limit) {
      throw new InflightLimitError(`${this.adaptive.describe()}; retry later`);
    }
    this.requests += 1;
    this.bytes += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.requests -= 1;
      this.bytes -= bytes;
    };
  }

  get inFlight(): { requests: number; bytes: number } {
    return { requests: this.requests, bytes: this.bytes };
  }
}
