import { describe, expect, it } from "vitest";
import { tierWindow } from "@/lib/rollups/rollup-tiers";

/** Every minute of [from, to) is covered exactly once by the fine edges or a coarse block. */
function coverage(from: number, to: number): number[] {
  const w = tierWindow(from, to);
  const covered: number[] = [];
  for (let m = w.from; m < w.to; m++) if (m < w.tensFrom || m >= w.tensTo) covered.push(m);
  for (let block = w.tensFrom; block < w.tensTo; block += 10)
    for (let m = block; m < block + 10; m++) covered.push(m);
  return covered.sort((a, b) => a - b);
}

describe("tierWindow", () => {
  it.each([
    ["an hour, unaligned", 1003, 1063],
    ["an hour, aligned", 1000, 1060],
    ["shorter than a block", 1003, 1008],
    ["spanning one block boundary only", 1005, 1014],
    ["exactly one block", 1010, 1020],
    ["a day", 5, 1445],
  ])("covers %s exactly once", (_name, from, to) => {
    expect(coverage(from, to)).toEqual(Array.from({ length: to - from }, (_, i) => from + i));
  });
});
