// A colour per service name, stable across traces and page loads (a hash, not an assignment
// order), so "checkout is orange" holds for everyone looking at the same incident.

/** Mid-tone colours that read on both the light and the dark background. */
export const servicePalette = [
  "#2563eb", // blue
  "#ea580c", // orange
  "#16a34a", // green
  "#9333ea", // purple
  "#0891b2", // cyan
  "#ca8a04", // amber
  "#db2777", // pink
  "#4f46e5", // indigo
  "#65a30d", // lime
  "#0d9488", // teal
  "#c026d3", // fuchsia
  "#78716c", // stone
] as const;

/** FNV-1a over UTF-16 code units: cheap, and spreads similar names ("api-1", "api-2") apart. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function serviceColor(service: string): string {
  return servicePalette[fnv1a(service) % servicePalette.length] as string;
}
