// useStorage → GET /api/storage (Settings › Storage).
import { useQuery } from "@tanstack/react-query";
import { type StorageResponse, storageResponseSchema } from "@/lib/contracts/storage-schema";
import { fetchApi, retryTransient } from "@/lib/hooks/fetch-api";

export function useStorage() {
  return useQuery<StorageResponse, Error>({
    queryKey: ["storage"],
    queryFn: ({ signal }) => fetchApi("/api/storage", {}, storageResponseSchema, signal),
    retry: retryTransient,
    refetchInterval: 60_000,
  });
}
