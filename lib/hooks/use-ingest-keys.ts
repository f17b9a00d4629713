// useIngestKeys → GET /api/keys; useIngestKeyMutations → POST /api/keys (the key is in the answer,
// shown once) and DELETE /api/keys/{id}.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type CreatedKey,
  createdKeySchema,
  type KeysResponse,
  keysResponseSchema,
} from "@/lib/contracts/key-schemas";
import { fetchApi, retryTransient, sendApi } from "@/lib/hooks/fetch-api";

const keysKey = ["ingest-keys"] as const;

export function useIngestKeys() {
  return useQuery<KeysResponse, Error>({
    queryKey: keysKey,
    queryFn: ({ signal }) => fetchApi("/api/keys", {}, keysResponseSchema, signal),
    retry: retryTransient,
  });
}

export function useIngestKeyMutations() {
  const client = useQueryClient();
  const settle = () => void client.invalidateQueries({ queryKey: keysKey });
  const create = useMutation<CreatedKey, Error, { name: string; expiresInDays?: number }>({
    mutationFn: async (request) => createdKeySchema.parse(await sendApi("POST", "/api/keys", request)),
    onSettled: settle,
  });
  const revoke = useMutation<unknown, Error, string>({
    mutationFn: (id) => sendApi("DELETE", `/api/keys/${encodeURIComponent(id)}`),
    onSettled: settle,
  });
  return { create, revoke };
}
