// Whether a request's Accept-Encoding takes a content coding (RFC 9110 §12.5.3): named (gzip
// also as x-gzip) or through `*`, with a q-value above 0. For the answers the custom server
// sends already compressed (kept-trace-page.ts, static-assets.ts).
export function acceptsEncoding(header: string | undefined, coding: "gzip" | "br"): boolean {
  if (!header) return false;
  let star: boolean | null = null;
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const acceptable = q === undefined || Number(q.slice(2)) > 0;
    const token = name.trim();
    if (token === coding || (coding === "gzip" && token === "x-gzip")) return acceptable;
    if (token === "*") star = acceptable;
  }
  return star === true;
}
