// GET /api/traces/{traceId}[?maxSpans=N|view=page][&format=compact] – one trace with its spans (docs/api.md).
import { apiRoute } from "@/lib/api/api-route";
import { traceNotFoundMessage } from "@/lib/api/trace-not-found";
import { parseTraceFormat, parseTraceSpanCap, tracePageKeepMinSpans } from "@/lib/api/trace-span-cap";
import type { CompactTrace } from "@/lib/contracts/compact-trace";
import type { TraceResponse } from "@/lib/contracts/trace-schema";
import { BadRequestError, NotFoundError } from "@/lib/model/request-errors";
import { traceIdPattern } from "@/lib/model/traces";
import { getTrace } from "@/lib/queries/traces/get-trace";
import { getCompactTrace, getTracePageAnswer } from "@/lib/queries/traces/trace-pages";

export const GET = apiRoute<{ traceId: string }>(
  async ({ db, primaryDb, params, searchParams }): Promise<TraceResponse | CompactTrace | Response> => {
    const traceId = params.traceId.toLowerCase();
    if (!traceIdPattern.test(traceId)) {
      throw new BadRequestError(`"${traceId}" is not a trace id: expected 32 hexadecimal characters`);
    }
    const maxSpans = parseTraceSpanCap(searchParams);
    const options = maxSpans === undefined ? {} : { maxSpans };
    const format = parseTraceFormat(searchParams);
    if (format === "compact" && maxSpans !== undefined) {
      // The trace page's request: a large trace's answer is kept once built (trace-pages.ts).
      const answer = await getTracePageAnswer(db, primaryDb, traceId, maxSpans, tracePageKeepMinSpans());
      if (!answer) throw new NotFoundError(traceNotFoundMessage(traceId));
      return new Response(new Uint8Array(answer), {
        headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
      });
    }
    const trace =
      format === "compact"
        ? await getCompactTrace(db, traceId, options)
        : await getTrace(db, traceId, options);
    if (!trace) throw new NotFoundError(traceNotFoundMessage(traceId));
    return trace;
  },
);
