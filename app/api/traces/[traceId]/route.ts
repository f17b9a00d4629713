// GET /api/traces/{traceId}[?maxSpans=N|view=page] – one trace with its spans (docs/api.md).
import { apiRoute } from "@/lib/api/api-route";
import { traceNotFoundMessage } from "@/lib/api/trace-not-found";
import { parseTraceSpanCap } from "@/lib/api/trace-span-cap";
import type { TraceResponse } from "@/lib/contracts/trace-schema";
import { BadRequestError, NotFoundError } from "@/lib/model/request-errors";
import { traceIdPattern } from "@/lib/model/traces";
import { getTrace } from "@/lib/queries/traces/get-trace";

export const GET = apiRoute<{ traceId: string }>(
  async ({ db, params, searchParams }): Promise<TraceResponse> => {
    const traceId = params.traceId.toLowerCase();
    if (!traceIdPattern.test(traceId)) {
      throw new BadRequestError(`"${traceId}" is not a trace id: expected 32 hexadecimal characters`);
    }
    const maxSpans = parseTraceSpanCap(searchParams);
    const trace = await getTrace(db, traceId, maxSpans === undefined ? {} : { maxSpans });
    if (!trace) throw new NotFoundError(traceNotFoundMessage(traceId));
    return trace;
  },
);
