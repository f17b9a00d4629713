// MAX_DISK_BYTES for GET /api/storage, read from the configuration (null when unset).
import { loadConfig } from "@/lib/config";

export function diskBudget(): number | null {
  return loadConfig().retention.maxDiskBytes ?? null;
}
