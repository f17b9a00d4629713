// GET /api/traces/{traceId} – one trace with all its spans (docs/api.md).
import { NextResponse } from "next/server";
import { traceIdPattern } from "@/lib/api/trace-schema";
import { getTrace } from "@/lib/queries/traces/get-trace";

export async function GET(_request: Request, context: { params: Promise<{ traceId: string }> }) {
  const traceId = (await context.params).traceId.toLowerCase();
  if (!traceIdPattern.test(traceId)) {
    return NextResponse.json(
      { error: `"${traceId}" is not a trace id: expected 32 hexadecimal characters` },
      { status: 400 },
    );
  }
  const trace = await getTrace(traceId);
  if (!trace) {
    return NextResponse.json({ error: `trace ${traceId} not found` }, { status: 404 });
  }
  return NextResponse.json(trace);
}
