// Reads an OTLP/HTTP body within limits. The wire size is checked while streaming and gzip is
// inflated with a hard output cap, so neither a huge upload nor a gzip bomb can exhaust memory.
import type { IncomingMessage } from "node:http";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { OtlpDecodeError } from "@/lib/otlp/types";

const gunzip = promisify(zlib.gunzip);

export class PayloadTooLargeError extends Error {
  override name = "PayloadTooLargeError";
}

/** Caps the sum of bodies being read at once, so many concurrent uploads stay within memory. */
export class ByteBudget {
  private used = 0;
  constructor(private readonly capacity: number) {}
  tryTake(bytes: number): boolean {
    if (this.used + bytes > this.capacity) return false;
    this.used += bytes;
    return true;
  }
  give(bytes: number): void {
    this.used -= bytes;
  }
}

export class BudgetExhaustedError extends Error {
  override name = "BudgetExhaustedError";
}

/**
 * Reads the whole body. Its bytes stay reserved in `budget` until the caller gives them back
 * (`budget.give(body.length)`) once the request is decoded; on failure they are given back here.
 */
export async function readBody(
  request: IncomingMessage,
  maxBytes: number,
  budget: ByteBudget,
): Promise<Buffer> {
  const declared = Number(request.headers["content-length"] ?? Number.NaN);
  if (declared > maxBytes) {
    throw new PayloadTooLargeError(`request body of ${declared} bytes exceeds the ${maxBytes}-byte limit`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of request as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw new PayloadTooLargeError(`request body exceeds the ${maxBytes}-byte limit`);
      if (!budget.tryTake(chunk.length)) {
        total -= chunk.length;
        throw new BudgetExhaustedError("too many request bytes in flight; retry later");
      }
      chunks.push(chunk);
    }
  } catch (error) {
    budget.give(total);
    throw error;
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
}

export async function inflate(body: Buffer, encoding: string, maxBytes: number): Promise<Buffer> {
  if (encoding === "" || encoding === "identity") return body;
  try {
    return await gunzip(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new PayloadTooLargeError(`decompressed body exceeds the ${maxBytes}-byte limit`);
    }
    throw new OtlpDecodeError(`body is not valid gzip: ${(error as Error).message}`);
  }
}
