// GET /api/storage – rows, bytes and the oldest data kept per kind of data, the database's size
// and the disk budget (MAX_DISK_BYTES) it is held to.
import { apiRoute } from "@/lib/api/api-route";
import { diskBudget } from "@/lib/api/disk-budget";
import type { StorageResponse } from "@/lib/contracts/storage-schema";
import { getStorage } from "@/lib/queries/storage/get-storage";

export const GET = apiRoute(async ({ db }): Promise<StorageResponse> => getStorage(db, diskBudget()), {
  admin: true,
});
