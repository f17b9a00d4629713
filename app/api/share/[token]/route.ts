// GET /api/share/{token}[?view=page][&format=compact] – PUBLIC: the one trace a share link opens,
// read-only, without a session; 404 for an unknown link, 410 once revoked or expired.
import { apiRoute } from "@/lib/api/api-route";
import { parseTraceFormat, parseTraceSpanCap } from "@/lib/api/trace-span-cap";
import type { CompactTrace } from "@/lib/contracts/compact-trace";
import type { TraceResponse } from "@/lib/contracts/trace-schema";
import { getSharedTrace } from "@/lib/queries/shares/get-shared-trace";

export const GET = apiRoute<{ token: string }>(
  async ({ db, params, searchParams }): Promise<TraceResponse | CompactTrace> => {
    const maxSpans = parseTraceSpanCap(searchParams);
    return getSharedTrace(
      db,
      params.token,
      parseTraceFormat(searchParams),
      maxSpans === undefined ? {} : { maxSpans },
    );
  },
);
