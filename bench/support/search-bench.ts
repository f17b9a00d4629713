// The trace search filters bench:query times (GET /api/traces), each in a 1 h and a 24 h window.
// The names match the bench data of bench/query.ts: 8 services, 10 endpoints, a SERVER span
// ("GET /api/resource-{e}/{id}", http.response.status_code 500 for ~2 % of requests and 503 for
// one in 10,000, ERROR) and a CLIENT child ("SELECT resources") per trace.

export const SEARCH_FILTERS: Array<[label: string, query: string]> = [
  ["no filter (newest first)", ""],
  ["sort=duration&limit=10", "sort=duration&limit=10"],
  ["minDurationMs=500", "minDurationMs=500"],
  ["status=error", "status=error"],
  ["service", "service=service-3"],
  ["service + endpoint", `service=service-3&endpoint=${encodeURIComponent("GET /api/resource-3/{id}")}`],
  ["endpoint", `endpoint=${encodeURIComponent("GET /api/resource-3/{id}")}`],
  ["name (a rare span name)", `name=${encodeURIComponent("GET /api/resource-7/{id}")}`],
  ["attr (span attribute)", `attr=${encodeURIComponent("http.response.status_code=500")}`],
  ["attr (resource attribute)", `attr=${encodeURIComponent("service.name=service-5")}`],
  // Few matches, like an order id: the count must find them all, however rare.
  ["attr (a rare value)", `attr=${encodeURIComponent("http.response.status_code=503")}`],
  [
    "service + attr + minDuration, sort=duration",
    `service=service-3&attr=${encodeURIComponent("http.route=/api/resource-3/{id}")}&minDurationMs=100&sort=duration`,
  ],
];

export function searchWindows(now: number): Array<[label: string, from: number, to: number]> {
  return [
    ["1 h", now - 3_600_000, now],
    ["24 h", now - 86_400_000, now],
  ];
}
