// The headers on every page and API answer (docs/security.md § Headers): next.config.ts sets them
// on Next's answers, and the custom server on the answers it gives itself (kept-trace-page.ts).
// The CSP keeps to what Next's own inline scripts allow: no framing (clickjacking), no plugins,
// no foreign <base> or form targets.
export const SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  {
    key: "Content-Security-Policy",
    value: "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
  },
];
