// GET /api/receivers – the OTLP/HTTP and OTLP/gRPC ports this instance listens on.
import { apiRoute } from "@/lib/api/api-route";
import { receiverPorts } from "@/lib/api/receiver-ports";
import type { ReceiversResponse } from "@/lib/contracts/receiver-schemas";

export const GET = apiRoute(async (): Promise<ReceiversResponse> => receiverPorts());
