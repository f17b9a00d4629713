// Redaction at ingest (#15), on by default: attribute values whose key contains a sensitive word
// (authorization, cookie, password, token, …; case-insensitive, also inside nested maps) become
// "[REDACTED]" before anything is stored, for span, event, link, resource and metric attributes.
// Configured with REDACT_ATTRIBUTE_KEYS (more words), REDACT_VALUE_PATTERNS (regular expressions
// whose matches inside any string value are replaced, e.g. card numbers) and REDACTION=off.
import type { Attributes, AttributeValue } from "@/lib/model/attribute-value";
import { setAttribute } from "@/lib/otlp/attribute-value";
import { cleanAttributes } from "./sanitize";

export const REDACTED = "[REDACTED]";
export const DEFAULT_REDACTED_KEYS = [
  "authorization",
  "cookie",
  "set-cookie",
  "password",
  "passwd",
  "secret",
  "token",
  "api_key",
  "apikey",
] as const;

export interface RedactionOptions {
  enabled: boolean;
  /** more key words, beside the defaults */
  keys: readonly string[];
  /** regular expressions (JavaScript syntax) matched inside string values */
  patterns: readonly string[];
}

export class Redactor {
  private readonly words: string[];
  private readonly patterns: RegExp[];
  private readonly decided = new Map<string, boolean>();

  constructor(options: Pick<RedactionOptions, "keys" | "patterns">) {
    this.words = [...DEFAULT_REDACTED_KEYS, ...options.keys.map((key) => key.toLowerCase())];
    this.patterns = options.patterns.map((pattern) => new RegExp(pattern, "g"));
  }

  /** The same object when nothing is sensitive (the usual case), else a redacted copy. */
  redact(attributes: Attributes): Attributes {
    let out: Attributes | null = null;
    for (const key of Object.keys(attributes)) {
      const value = attributes[key] as AttributeValue;
      const next = this.sensitive(key) ? REDACTED : this.redactValue(value);
      if (next !== value && out === null) {
        out = {};
        for (const k of Object.keys(attributes)) setAttribute(out, k, attributes[k] as AttributeValue);
      }
      if (out !== null) setAttribute(out, key, next);
    }
    return out ?? attributes;
  }

  private sensitive(key: string): boolean {
    let decision = this.decided.get(key);
    if (decision === undefined) {
      decision = this.words.some((word) => containsWord(key, word));
      if (this.decided.size > 10_000) this.decided.clear(); // bounded whatever the senders send
      this.decided.set(key, decision);
    }
    return decision;
  }

  private redactValue(value: AttributeValue): AttributeValue {
    if (typeof value === "string") {
      let text = value;
      for (const pattern of this.patterns) {
        pattern.lastIndex = 0;
        if (pattern.test(text)) text = text.replace(pattern, REDACTED);
      }
      return text;
    }
    if (Array.isArray(value)) {
      const items = value.map((item) => this.redactValue(item));
      return items.some((item, i) => item !== value[i]) ? items : value;
    }
    if (value !== null && typeof value === "object") return this.redact(value as Attributes);
    return value;
  }
}

/** Attributes as they are stored: made safe for PostgreSQL (sanitize.ts), then redacted. */
export function storedAttributes(attributes: Attributes, redactor: Redactor | null): Attributes {
  const clean = cleanAttributes(attributes);
  return redactor === null ? clean : redactor.redact(clean);
}

const DEFAULT_REDACTOR = new Redactor({ keys: [], patterns: [] });
const redactors = new WeakMap<RedactionOptions, Redactor | null>();

/** The redactor for these options (built once per options object); null when REDACTION=off. */
export function redactorFor(options: RedactionOptions | undefined): Redactor | null {
  if (options === undefined) return DEFAULT_REDACTOR;
  let redactor = redactors.get(options);
  if (redactor === undefined) {
    redactor = options.enabled ? new Redactor(options) : null;
    redactors.set(options, redactor);
  }
  return redactor;
}

/**
 * `word` anywhere in `key`, case-insensitively, but not running on into more lowercase letters:
 * `authToken`, `access_token`, `X-Api-Token` contain "token"; `gen_ai.usage.input_tokens` (a count,
 * OpenTelemetry GenAI semantic conventions) and `tokenizer` do not.
 */
function containsWord(key: string, word: string): boolean {
  const lower = key.toLowerCase();
  for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + 1)) {
    const next = key[at + word.length];
    if (next === undefined || !/[a-z]/.test(next)) return true;
  }
  return false;
}
