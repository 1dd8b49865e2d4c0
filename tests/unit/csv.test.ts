import { describe, test, expect } from "vitest";
import fc from "fast-check";
import { neutraliseCsvCell, toCsv, toCsvLine } from "@/lib/shared/csv";

describe("CSV formula injection", () => {
  test.each([
    ['=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ["张伟", "张伟"],
    ["13812345678", "13812345678"],
    ["a=b", "a=b"],
    ["", ""],
    [null, ""],
    [undefined, ""],
    [42, "42"],
    [-5, "-5"],
    ["-5", "'-5"],
    // Times as on the screen: Asia/Shanghai, no "T…Z" (a UTC evening is the next morning there).
    [new Date("2026-12-06T17:30:05Z"), "2026-12-07 01:30:05"],
  ])("%j → %j", (input, want) => expect(neutraliseCsvCell(input)).toBe(want));

  test("quoting follows RFC 4180", () => {
    expect(toCsvLine(["a,b", 'say "hi"', "line\nbreak", "=cmd"])).toBe('"a,b","say ""hi""","line\nbreak",\'=cmd');
    expect(toCsv(["h"], [["x"]])).toBe("\uFEFFh\r\nx\r\n");
  });

  test("property: no exported cell ever starts with a formula character", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constantFrom("=1", "+1", "-1", "@1", "\t=1", "\r=1")), { maxLength: 8 }),
        (cells) => {
          for (const c of cells) expect(neutraliseCsvCell(c)).not.toMatch(/^[=+\-@\t\r]/);
          // Neutralising never loses the original text.
          for (const c of cells) expect([c, `'${c}`]).toContain(neutraliseCsvCell(c));
        },
      ),
    );
  });
});
