import { describe, expect, it } from "vitest";
import { LoginRateLimiter } from "@/lib/auth/login-rate-limit";

function limiter() {
  let now = 1_000_000;
  const limits = new LoginRateLimiter({ windowMs: 60_000, maxPerAccount: 3, maxPerAddress: 5 }, () => now);
  return { limits, advance: (ms: number) => (now += ms) };
}

describe("login rate limit", () => {
  it("an account is held after its limit of failures until the oldest leaves the window", () => {
    const { limits, advance } = limiter();
    for (let i = 0; i < 3; i++) {
      expect(limits.retryAfterSeconds("a@x", "1.1.1.1")).toBe(0);
      limits.recordFailure("a@x", "1.1.1.1");
      advance(1_000);
    }
    expect(limits.retryAfterSeconds("a@x", "2.2.2.2")).toBe(57);
    expect(limits.retryAfterSeconds("b@x", "2.2.2.2")).toBe(0);
    advance(57_000);
    expect(limits.retryAfterSeconds("a@x", "2.2.2.2")).toBe(0);
  });

  it("one address guessing many accounts is held too", () => {
    const { limits } = limiter();
    for (let i = 0; i < 5; i++) limits.recordFailure(`user${i}@x`, "9.9.9.9");
    expect(limits.retryAfterSeconds("new@x", "9.9.9.9")).toBeGreaterThan(0);
    expect(limits.retryAfterSeconds("new@x", "8.8.8.8")).toBe(0);
  });

  it("a success forgets the account's failures", () => {
    const { limits } = limiter();
    limits.recordFailure("a@x", "1.1.1.1");
    limits.recordFailure("a@x", "1.1.1.1");
    limits.recordSuccess("a@x");
    limits.recordFailure("a@x", "1.1.1.1");
    expect(limits.retryAfterSeconds("a@x", "3.3.3.3")).toBe(0);
  });
});
