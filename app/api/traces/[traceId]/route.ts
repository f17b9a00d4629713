// GET /api/traces/{traceId}[?maxSpans=N|view=page][&format=compact] – one trace with its spans (docs/api.md).
import { apiRoute } from "@/lib/api/api-route";
import { traceNotFoundMessage } from "@/lib/api/trace-not-found";
import { parseTraceFormat, parseTraceSpanCap } from "@/lib/api/trace-span-cap";
import type { CompactTrace } from "@/lib/contracts/compact-trace";
import type { TraceResponse } from "@/lib/contracts/trace-schema";
import { BadRequestError, NotFoundError } from "@/lib/model/request-errors";
import { traceIdPattern } from "@/lib/model/traces";
import { getCompactTrace } from "@/lib/queries/traces/get-compact-trace";
import { getTrace } from "@/lib/queries/traces/get-trace";

export const GET = apiRoute<{ traceId: string }>(
  async ({ db, params, searchParams }): Promise<TraceResponse | CompactTrace> => {
    const traceId = params.traceId.toLowerCase();
    if (!traceIdPattern.test(traceId)) {
      throw new BadRequestError(`"${traceId}" is not a trace id: expected 32 hexadecimal characters`);
    }
    const maxSpans = parseTraceSpanCap(searchParams);
    const options = maxSpans === undefined ? {} : { maxSpans };
    const trace =
      parseTraceFormat(searchParams) === "compact"
        ? await getCompactTrace(db, traceId, options)
        : await getTrace(db, traceId, options);
    if (!trace) throw new NotFoundError(traceNotFoundMessage(traceId));
    return trace;
  },
);
