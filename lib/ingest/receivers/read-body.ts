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
  /** bytes of requests being read or decoded right now */
  get inUse(): number {
    return this.used;
  }
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
export function readBody(request: IncomingMessage, maxBytes: number, budget: ByteBudget): Promise<Buffer> {
  const declared = Number(request.headers["content-length"] ?? Number.NaN);
  if (declared > maxBytes) {
    return Promise.reject(
      new PayloadTooLargeError(`request body of ${declared} bytes exceeds the ${maxBytes}-byte limit`),
    );
  }
  // Listeners rather than `for await`: leaving an async iterator early destroys the socket,
  // and the sender would never see our answer.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const fail = (error: Error) => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.pause();
      budget.give(total);
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      if (total + chunk.length > maxBytes) {
        return fail(new PayloadTooLargeError(`request body exceeds the ${maxBytes}-byte limit`));
      }
      if (!budget.tryTake(chunk.length)) {
        return fail(new BudgetExhaustedError("too many request bytes in flight; retry later"));
      }
      total += chunk.length;
      chunks.push(chunk);
    };
    const onEnd = () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total));
    request.on("data", onData);
    request.once("end", onEnd);
    request.once("error", fail);
  });
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

/**
 * Reads and throws away the rest of an unwanted upload (up to `maxBytes`), so that the client,
 * which is usually still sending, reads our 413 instead of failing on a reset connection.
 * Resolves false when the upload was larger still and the connection must be closed.
 */
export function discardBody(request: IncomingMessage, maxBytes: number): Promise<boolean> {
  if (request.complete) return Promise.resolve(true);
  return new Promise((resolve) => {
    let seen = 0;
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxBytes) {
        request.off("data", onData);
        request.pause();
        resolve(false);
      }
    };
    request.on("data", onData);
    request.once("end", () => resolve(true));
    request.once("error", () => resolve(false));
    request.once("close", () => resolve(request.complete));
    request.resume();
  });
}
