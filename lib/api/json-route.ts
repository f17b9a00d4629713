// Shared by the JSON route handlers: a BadRequestError from parsing becomes a 400 with its message.
import { NextResponse } from "next/server";
import { BadRequestError } from "@/lib/api/time-range";

export async function jsonOr400(produce: () => Promise<unknown>): Promise<NextResponse> {
  try {
    return NextResponse.json(await produce(), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof BadRequestError) return NextResponse.json({ error: error.message }, { status: 400 });
    throw error;
  }
}

/** A required, non-empty query parameter. */
export function requiredParam(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (!value) throw new BadRequestError(`the ${name} parameter is required`);
  return value;
}
