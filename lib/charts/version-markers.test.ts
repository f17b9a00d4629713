import { describe, expect, it } from "vitest";
import { versionMarkers } from "@/lib/charts/version-markers";

const version = (name: string, firstSeen: number) => ({
  version: name,
  firstSeen,
  lastSeen: firstSeen + 10,
  requests: 1,
});

describe("versionMarkers", () => {
  it("marks each version that appeared after the first, at the step it was first seen in", () => {
    expect(
      versionMarkers([version("1.1.0", 550), version("1.0.0", 100), version("1.2.0", 900)], 0, 900, 100),
    ).toEqual([
      { t: 500, label: "1.1.0" },
      { t: 900, label: "1.2.0" },
    ]);
  });
  it("marks nothing for one version (it was running when the window began)", () => {
    expect(versionMarkers([version("1.0.0", 100)], 0, 900, 100)).toEqual([]);
  });
  it("leaves out changes off the chart; the last step runs to its end", () => {
    expect(versionMarkers([version("1.0.0", 100), version("1.1.0", 2000)], 0, 900, 100)).toEqual([]);
    expect(versionMarkers([version("1.0.0", 100), version("1.1.0", 999)], 0, 900, 100)).toEqual([
      { t: 900, label: "1.1.0" },
    ]);
  });
});
