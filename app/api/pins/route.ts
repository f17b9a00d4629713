// GET /api/pins – pinned traces with their notes, most recently pinned first.
import { apiRoute } from "@/lib/api/api-route";
import type { PinsResponse } from "@/lib/contracts/pin-schemas";
import { getPins } from "@/lib/queries/pins/get-pins";

export const GET = apiRoute(async ({ db }): Promise<PinsResponse> => ({ pins: await getPins(db) }));
