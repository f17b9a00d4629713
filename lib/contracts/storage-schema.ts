// GET /api/storage: what Tracewell's data takes on disk (docs/api.md § Storage).
import { z } from "zod";

export const storageUsageSchema = z.object({
  /** estimated from PostgreSQL's statistics (fast at any size), not counted */
  rows: z.number(),
  bytes: z.number(),
  /** ISO time of the oldest data kept; null when there is none */
  oldest: z.string().nullable(),
});
export type StorageUsage = z.infer<typeof storageUsageSchema>;

export const storageResponseSchema = z.object({
  spans: storageUsageSchema,
  traces: storageUsageSchema,
  rollups: storageUsageSchema,
  metrics: storageUsageSchema,
  /** the whole database (pg_database_size), what MAX_DISK_BYTES is compared with */
  totalBytes: z.number(),
  maxDiskBytes: z.number().nullable(),
});
export type StorageResponse = z.infer<typeof storageResponseSchema>;
