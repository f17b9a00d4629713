import { describe, expect, it } from "vitest";
import { compile, join, raw, sql } from "@/lib/db/sql";

describe("sql tag", () => {
  it.each([
    ["no parameters", sql`SELECT 1`, "SELECT 1", []],
    ["one parameter", sql`SELECT * FROM t WHERE a = ${5}`, "SELECT * FROM t WHERE a = $1", [5]],
    [
      "a nested fragment is renumbered",
      sql`SELECT ${1} WHERE ${sql`b = ${2} AND c = ${3}`} AND d = ${4}`,
      "SELECT $1 WHERE b = $2 AND c = $3 AND d = $4",
      [1, 2, 3, 4],
    ],
    [
      "joined conditions",
      sql`WHERE ${join([sql`a = ${"x"}`, sql`b = ${"y"}`], " AND ")}`,
      "WHERE a = $1 AND b = $2",
      ["x", "y"],
    ],
    ["an allow-listed identifier", sql`ORDER BY ${raw("duration")} DESC`, "ORDER BY duration DESC", []],
    ["an empty join", sql`SELECT 1 ${join([], " AND ")}`, "SELECT 1 ", []],
  ])("%s", (_name, query, text, values) => {
    expect(compile(query)).toEqual({ text, values });
  });

  it("a string that looks like SQL stays a parameter", () => {
    expect(compile(sql`SELECT ${"1; DROP TABLE spans"}`)).toEqual({
      text: "SELECT $1",
      values: ["1; DROP TABLE spans"],
    });
  });
});
