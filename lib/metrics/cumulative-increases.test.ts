// Cumulative points → increases, by the shape of the series.
import { describe, expect, it } from "vitest";
import { type CumulativePoint, cumulativeIncreases, subtractNumber } from "./cumulative-increases";

const p = (series: string, start: number, time: number, value: number): CumulativePoint<number> => ({
  series,
  start: BigInt(start),
  time: BigInt(time),
  value,
});

describe("cumulativeIncreases", () => {
  it.each<[string, CumulativePoint<number>[], bigint, number[]]>([
    [
      "steady counter, run started before the window: first point is a baseline",
      [p("a", 5, 10, 100), p("a", 5, 20, 130), p("a", 5, 30, 131)],
      8n,
      [30, 1],
    ],
    [
      "run started inside the window: all of the first point counts",
      [p("a", 9, 10, 4), p("a", 9, 20, 6)],
      8n,
      [4, 2],
    ],
    [
      "process restart: new start time, the new run's value is all new",
      [p("a", 5, 10, 100), p("a", 5, 20, 130), p("a", 25, 30, 7)],
      8n,
      [30, 7],
    ],
    [
      "reset without a new start time: the value dropped, so it is the increase",
      [p("a", 0, 10, 50), p("a", 0, 20, 60), p("a", 0, 30, 3)],
      1n,
      [10, 3],
    ],
    ["start time unset on the first point: a baseline", [p("a", 0, 10, 50)], 0n, []],
    [
      "two series are never differenced against each other",
      [p("a", 5, 10, 100), p("a", 5, 20, 110), p("b", 5, 10, 1), p("b", 5, 20, 2)],
      8n,
      [10, 1],
    ],
  ])("%s", (_shape, points, knownFrom, expected) => {
    expect(cumulativeIncreases(points, subtractNumber, knownFrom).map((i) => i.value)).toEqual(expected);
  });

  it("keeps each increase at its point's time, for the step it falls in", () => {
    const increases = cumulativeIncreases([p("a", 5, 10, 1), p("a", 5, 20, 4)], subtractNumber, 0n);
    expect(increases.map((i) => i.time)).toEqual([10n, 20n]);
  });
});
