// useTraceShares → GET /api/shares; useTraceShareMutations → POST /api/traces/{traceId}/shares
// (the link is in the answer, shown once) and DELETE /api/shares/{id}.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type CreatedShare,
  createdShareSchema,
  type SharesResponse,
  sharesResponseSchema,
} from "@/lib/contracts/share-schemas";
import { fetchApi, retryTransient, sendApi } from "@/lib/hooks/fetch-api";

const sharesKey = ["trace-shares"] as const;

export function useTraceShares() {
  return useQuery<SharesResponse, Error>({
    queryKey: sharesKey,
    queryFn: ({ signal }) => fetchApi("/api/shares", {}, sharesResponseSchema, signal),
    retry: retryTransient,
  });
}

export function useTraceShareMutations() {
  const client = useQueryClient();
  const settle = () => void client.invalidateQueries({ queryKey: sharesKey });
  const create = useMutation<CreatedShare, Error, { traceId: string; expiresInHours: number }>({
    mutationFn: async ({ traceId, expiresInHours }) =>
      createdShareSchema.parse(
        await sendApi("POST", `/api/traces/${encodeURIComponent(traceId)}/shares`, { expiresInHours }),
      ),
    onSettled: settle,
  });
  const revoke = useMutation<unknown, Error, string>({
    mutationFn: (id) => sendApi("DELETE", `/api/shares/${encodeURIComponent(id)}`),
    onSettled: settle,
  });
  return { create, revoke };
}
