// Flags of `npm run demo` (docs/demo.md § Flags). Pure, so the parsing is unit-tested.
import { parseDuration } from "@/lib/config";

export interface DemoFlags {
  /** null: run until Ctrl-C */
  durationMs: number | null;
  /** requests per second the load generator sends to the frontend */
  rate: number;
  /** OTLP/HTTP base URL; /v1/traces and /v1/metrics are appended */
  target: string;
  /** sent as `Authorization: Bearer <key>` when given */
  key: string | null;
}

export const USAGE = `Usage: npm run demo -- [--duration 90s|5m|120] [--rate 5] [--target http://localhost:4318] [--key KEY]`;

export function parseDemoFlags(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): DemoFlags {
  const flags: DemoFlags = {
    durationMs: null,
    rate: 5,
    target: `http://localhost:${env.OTLP_HTTP_PORT || "4318"}`,
    key: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === "") throw new Error(`${name} needs a value\n${USAGE}`);
      return next;
    };
    switch (name) {
      case "--duration":
        flags.durationMs = parseDemoDuration(value());
        break;
      case "--rate": {
        const text = value();
        const rate = Number(text);
        if (!Number.isFinite(rate) || rate <= 0 || rate > 1000) {
          throw new Error(`--rate ${text}: give requests per second, a number above 0 and at most 1000`);
        }
        flags.rate = rate;
        break;
      }
      case "--target":
        flags.target = parseTarget(value());
        break;
      case "--key":
        flags.key = value();
        break;
      default:
        throw new Error(`unknown flag ${arg}\n${USAGE}`);
    }
  }
  return flags;
}

/** "120" (seconds), "90s", "5m", "1h" → milliseconds */
export function parseDemoDuration(text: string): number {
  const ms = /^\d+$/.test(text.trim()) ? Number(text) * 1_000 : parseDurationOrExplain(text);
  if (ms <= 0) throw new Error(`--duration ${text}: give a positive duration like 120, 90s or 5m`);
  return ms;
}

function parseDurationOrExplain(text: string): number {
  try {
    return parseDuration(text);
  } catch {
    throw new Error(`--duration ${text}: give seconds (120) or a duration like 90s or 5m`);
  }
}

function parseTarget(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--target ${text}: give the OTLP/HTTP base URL, e.g. http://localhost:4318`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`--target ${text}: use an http:// or https:// URL (OTLP/HTTP, not gRPC)`);
  }
  // Exporters append /v1/traces and /v1/metrics; accept a URL that already ends in one of them.
  return url
    .toString()
    .replace(/\/v1\/(traces|metrics)\/?$/, "")
    .replace(/\/+$/, "");
}
