import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "@/lib/auth/password";

describe("passwords", () => {
  it("a hash verifies its own password and no other, and two hashes of one password differ", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapl", hash)).toBe(false);
    expect(await hashPassword("correct horse battery staple")).not.toBe(hash);
  });

  it.each([
    ["a malformed stored hash", "bcrypt$whatever"],
    ["an empty stored hash", ""],
  ])("%s never verifies", async (_, stored) => {
    expect(await verifyPassword("anything at all", stored)).toBe(false);
  });

  it.each([
    ["too short", "short", /at least 12/],
    ["long enough", "twelve chars", null],
    ["too long", "x".repeat(1025), /at most 1024/],
  ])("a password %s", (_, password, problem) => {
    const found = passwordProblem(password);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });
});
