// usePins → GET /api/pins; usePin → GET /api/traces/{id}/pin; usePinMutations → POST/DELETE the pin.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type PinResponse,
  type PinsResponse,
  pinResponseSchema,
  pinsResponseSchema,
} from "@/lib/contracts/pin-schemas";
import { fetchApi, retryTransient, sendApi } from "@/lib/hooks/fetch-api";
import type { PinRequest } from "@/lib/model/pins";

const pinsKey = ["pins"] as const;
const pinKey = (traceId: string) => ["pin", traceId] as const;
const pinPath = (traceId: string) => `/api/traces/${encodeURIComponent(traceId)}/pin`;

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
    queryFn: ({ signal }) => fetchApi(pinPath(traceId), {}, pinResponseSchema, signal),
    retry: retryTransient,
  });
}

/** Pin (with a note) and unpin; both refresh this trace's pin and the /pinned list. */
export function usePinMutations(traceId: string) {
  const client = useQueryClient();
  const settle = () => {
    void client.invalidateQueries({ queryKey: pinKey(traceId) });
    void client.invalidateQueries({ queryKey: pinsKey });
  };
  const pin = useMutation<PinResponse, Error, PinRequest>({
    mutationFn: async (request) => pinResponseSchema.parse(await sendApi("POST", pinPath(traceId), request)),
    onSettled: settle,
  });
  const unpin = useMutation<unknown, Error, void>({
    mutationFn: () => sendApi("DELETE", pinPath(traceId)),
    onSettled: settle,
  });
  return { pin, unpin };
}
