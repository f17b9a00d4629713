// useReceivers → GET /api/receivers → receiverPorts → ReceiversResponse.
import { useQuery } from "@tanstack/react-query";
import { type ReceiversResponse, receiversResponseSchema } from "@/lib/contracts/receiver-schemas";
import { fetchApi, retryTransient } from "@/lib/hooks/fetch-api";

export function useReceivers() {
  return useQuery<ReceiversResponse, Error>({
    queryKey: ["receivers"],
    queryFn: ({ signal }) => fetchApi("/api/receivers", {}, receiversResponseSchema, signal),
    retry: retryTransient,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
