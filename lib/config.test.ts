import { describe, expect, it } from "vitest";
import { loadConfig as load } from "@/lib/config";

const loadConfig = (env: Record<string, string>) => load(env as NodeJS.ProcessEnv);

describe("loadConfig", () => {
  it("reads MAX_DISK_BYTES as bytes or with a unit, and leaves it unset by default", () => {
    expect(loadConfig({}).retention.maxDiskBytes).toBeUndefined();
    expect(loadConfig({ MAX_DISK_BYTES: "" }).retention.maxDiskBytes).toBeUndefined();
    expect(loadConfig({ MAX_DISK_BYTES: "1073741824" }).retention.maxDiskBytes).toBe(1_073_741_824);
    expect(loadConfig({ MAX_DISK_BYTES: "50GB" }).retention.maxDiskBytes).toBe(50e9);
    expect(loadConfig({ MAX_DISK_BYTES: "20 GiB" }).retention.maxDiskBytes).toBe(20 * 2 ** 30);
    expect(loadConfig({ MAX_DISK_BYTES: "1.5tb" }).retention.maxDiskBytes).toBe(1.5e12);
    expect(() => loadConfig({ MAX_DISK_BYTES: "lots" })).toThrow(/MAX_DISK_BYTES[\s\S]*not a size/);
  });

  it("reads DATABASE_REPLICA_URL, empty meaning unset", () => {
    expect(loadConfig({ DATABASE_REPLICA_URL: "" }).databaseReplicaUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_REPLICA_URL: "postgres://r:5432/t" }).databaseReplicaUrl).toBe(
      "postgres://r:5432/t",
    );
  });
});
