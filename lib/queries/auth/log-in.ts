// POST /api/auth/login: email and password → a new session, unless this account or address has
// failed too often lately (429 with the wait). A wrong email and a wrong password answer alike.
import { LoginRateLimiter } from "@/lib/auth/login-rate-limit";
import { createSession, type NewSession } from "@/lib/auth/sessions";
import { checkCredentials, normalizeEmail } from "@/lib/auth/users";
import type { Db } from "@/lib/db/sql";
import { TooManyRequestsError, UnauthorizedError } from "@/lib/model/request-errors";

// One per process (on globalThis: Next may load this module more than once).
const LIMITER = Symbol.for("tracewell.loginRateLimiter");
const holder = globalThis as { [LIMITER]?: LoginRateLimiter };
holder[LIMITER] ??= new LoginRateLimiter();
const limiter = holder[LIMITER];

export interface LoginAttempt {
  email: string;
  password: string;
  address: string;
  userAgent: string | null;
  ttlMs: number;
}

export async function logIn(db: Db, attempt: LoginAttempt): Promise<NewSession> {
  const account = normalizeEmail(attempt.email);
  const wait = limiter.retryAfterSeconds(account, attempt.address);
  if (wait > 0) {
    throw new TooManyRequestsError(`too many failed sign-ins; try again in ${wait} s`, wait);
  }
  const user = await checkCredentials(db, account, attempt.password);
  if (!user) {
    limiter.recordFailure(account, attempt.address);
    throw new UnauthorizedError("wrong email or password");
  }
  limiter.recordSuccess(account);
  return createSession(db, user.id, {
    ttlMs: attempt.ttlMs,
    userAgent: attempt.userAgent,
    address: attempt.address,
  });
}
