// The origin a browser used to reach this Tracewell, for links the API hands out (a share link):
// behind a reverse proxy the proxy's X-Forwarded-Proto and X-Forwarded-Host, else the Host header
// the request came with (the same host crossOriginRefusal in api-route.ts checks against).
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const first = (name: string) => request.headers.get(name)?.split(",")[0]?.trim() || null;
  const proto = first("x-forwarded-proto") ?? url.protocol.replace(/:$/, "");
  const host = first("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  return `${proto === "https" ? "https" : "http"}://${host}`;
}
