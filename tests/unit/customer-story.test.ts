import { describe, test, expect } from "vitest";
import { STORY_KINDS, decodeStoryCursor, encodeStoryCursor, storyHref, storyParams } from "@/lib/customers/timeline-schemas";

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

describe("story cursor", () => {
  test("round-trips (time, kind rank, id)", () => {
    const c = { at: new Date("2026-12-07T03:00:00.123Z"), rank: 3, id: 9_007_199_254_740_991 };
    expect(decodeStoryCursor(encodeStoryCursor(c))).toEqual(c);
  });
  test.each([
    ["empty", ""],
    ["not base64 JSON", "%%%"],
    ["two parts (the old contacts cursor)", b64(["2026-12-07T03:00:00Z", 5])],
    ["bad time", b64(["yesterday", 1, 5])],
    ["rank past the kinds", b64(["2026-12-07T03:00:00Z", STORY_KINDS.length, 5])],
    ["negative rank", b64(["2026-12-07T03:00:00Z", -1, 5])],
    ["id 0", b64(["2026-12-07T03:00:00Z", 1, 0])],
    ["id unsafe", b64(["2026-12-07T03:00:00Z", 1, 2 ** 60])],
    ["id a string", b64(["2026-12-07T03:00:00Z", 1, "5"])],
    ["too long", "a".repeat(201)],
  ])("%s is no cursor (the newest page)", (_name, raw) => {
    expect(decodeStoryCursor(raw)).toBeNull();
  });
});

describe("story URL", () => {
  test.each([
    [{}, { kinds: [], before: undefined }],
    [{ kinds: "complaint" }, { kinds: ["complaint"], before: undefined }],
    [{ kinds: "message,contact,contact" }, { kinds: ["contact", "message"], before: undefined }],
    [{ kinds: "SURVEY,nope" }, { kinds: [], before: undefined }],
    [
      { kinds: ["contact"], before: "x".repeat(500) },
      { kinds: [], before: undefined },
    ],
  ])("%j parses to %j", (raw, parsed) => {
    expect(storyParams.parse(raw)).toEqual(parsed);
  });
  test("links keep the kinds unless all or none are chosen, and land on the story", () => {
    expect(storyHref(7, [])).toBe("/customers/7#story");
    expect(storyHref(7, [...STORY_KINDS])).toBe("/customers/7#story");
    expect(storyHref(7, ["complaint", "feedback"], "abc")).toBe("/customers/7?kinds=complaint%2Cfeedback&before=abc#story");
  });
});
