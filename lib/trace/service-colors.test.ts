import { describe, expect, it } from "vitest";
import { serviceColor, servicePalette } from "@/lib/trace/service-colors";

describe("serviceColor", () => {
  it.each(["checkout", "payments-api", "", "サービス", "a".repeat(10_000)])(
    "gives %j the same palette colour every time",
    (name) => {
      const color = serviceColor(name);
      expect(servicePalette).toContain(color);
      expect(serviceColor(name)).toBe(color);
    },
  );

  it("spreads numbered services over several colours", () => {
    const colors = new Set(Array.from({ length: 12 }, (_, i) => serviceColor(`api-${i}`)));
    expect(colors.size).toBeGreaterThanOrEqual(6);
  });
});
