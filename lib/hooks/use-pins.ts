// usePins → GET /api/pins; usePin → GET /api/traces/{id}/pin; usePinMutations → POST/DELETE the pin.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  type PinResponse,
  type PinsResponse,
  pinResponseSchema,
  pinsResponseSchema,
} from "@/lib/contracts/pin-schemas";
import { ApiError, fetchApi, retryTransient } from "@/lib/hooks/fetch-api";
import type { PinRequest } from "@/lib/model/pins";

const pinsKey = ["pins"] as const;
const pinKey = (traceId: string) => ["pin", traceId] as const;

export function usePins() {
  return useQuery<PinsResponse, Error>({
    queryKey: pinsKey,
    queryFn: ({ signal }) => fetchApi("/api/pins", {}, pinsResponseSchema, signal),
    retry: retryTransient,
  });
}

export function usePin(traceId: string) {
  return useQuery<PinResponse, Error>({
    queryKey: pinKey(traceId),
    queryFn: ({ signal }) =>
      fetchApi(`/api/traces/${encodeURIComponent(traceId)}/pin`, {}, pinResponseSchema, signal),
    retry: retryTransient,
  });
}

const errorBody = z.object({ error: z.string() });

async function send(method: "POST" | "DELETE", traceId: string, body?: PinRequest): Promise<unknown> {
  const response = await fetch(`/api/traces/${encodeURIComponent(traceId)}/pin`, {
    method,
    headers: { "content-type": "application/json", accept: "application/json" },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = errorBody.safeParse(json).data?.error ?? `The server answered ${response.status}.`;
    throw new ApiError(response.status === 404 ? "not-found" : "server", message, response.status);
  }
  return json;
}

/** Pin (with a note) and unpin; both refresh this trace's pin and the /pinned list. */
export function usePinMutations(traceId: string) {
  const client = useQueryClient();
  const settle = () => {
    void client.invalidateQueries({ queryKey: pinKey(traceId) });
    void client.invalidateQueries({ queryKey: pinsKey });
  };
  const pin = useMutation<PinResponse, Error, PinRequest>({
    mutationFn: async (request) => pinResponseSchema.parse(await send("POST", traceId, request)),
    onSettled: settle,
  });
  const unpin = useMutation<unknown, Error, void>({
    mutationFn: () => send("DELETE", traceId),
    onSettled: settle,
  });
  return { pin, unpin };
}
