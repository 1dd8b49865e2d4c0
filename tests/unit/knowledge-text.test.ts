// Knowledge search text logic (pure): Chinese bigrams, latin words, pinyin, the query plan with
// synonyms, the helpful score, snippets, sanitising and the revision diff.
import { describe, test, expect } from "vitest";
import {
  buildQueryPlan,
  buildSearchDocument,
  diffLines,
  hanQueryCovers,
  diffText,
  hanBigrams,
  helpfulScore,
  htmlToText,
  indexWords,
  isNumberLike,
  pinyinWords,
  sanitizeArticleHtml,
  snippetOf,
} from "@/lib/knowledge/text";

describe("index words", () => {
  test.each([
    ["宽带", ["宽带"]],
    ["宽带故障", ["宽带", "带故", "故障"]],
    ["宽", ["宽"]],
    ["", []],
  ])("hanBigrams(%s)", (run, words) => expect(hanBigrams(run)).toEqual(words));

  test.each([
    ["宽带故障 Broadband", ["宽带", "带故", "故障", "broadband"]],
    ["ＷｉＦｉ密码", ["wifi", "密码"]],
    ["5G+套餐", ["5g+", "套餐"]],
    ["wi-fi、光猫！", ["wi-fi", "光猫"]],
    ["broadband故障", ["broadband", "故障"]],
  ])("indexWords(%s)", (text, words) => expect(indexWords(text)).toEqual(words));

  test("pinyin: per bigram and the whole run, toneless", () => {
    expect(pinyinWords("宽带故障")).toEqual(["kuandai", "daigu", "guzhang", "kuandaiguzhang"]);
    expect(pinyinWords("绿")).toEqual(["lv"]);
  });

  test("the document: A title, B tags (both with their pinyin), C body (text of the HTML); the typo vocabulary", () => {
    const d = buildSearchDocument({
      titleZh: "宽带报修",
      titleEn: "Broadband repair",
      tags: ["光猫"],
      bodyZh: "<p>重启<b>光猫</b></p>",
      bodyEn: "<p>Restart &amp; wait</p>",
    });
    expect(d.a).toBe("宽带 带报 报修 kuandai daibao baoxiu kuandaibaoxiu broadband repair");
    expect(d.b).toBe("光猫 guangmao");
    expect(d.c).toBe("重启 光猫 restart wait");
    expect(d.fuzzy.split(" ")).toEqual(["kuandai", "daibao", "baoxiu", "kuandaibaoxiu", "broadband", "repair", "guangmao"]);
  });
});

describe("query plan", () => {
  test.each([
    ["宽带", [["宽带"]]],
    ["翼支付", [["翼支", "支付"]]],
    ["宽带故障", [["宽带", "故障"]]],
    [
      "翼支付开通",
      [
        ["翼支", "付开", "开通"],
        ["翼支", "支付", "开通"],
      ],
    ],
    ["宽带无法上网", [["宽带", "无法", "上网"]]],
  ])("hanQueryCovers(%s): word-sized chunks, never a bigram across an even split", (run, covers) => expect(hanQueryCovers(run)).toEqual(covers));

  const groups = [["宽带", "光纤", "Broadband"], ["漫游", "roaming"], ["单独"]];
  test("terms must all match; a synonym brings its group, inside a Chinese run too", () => {
    const p = buildQueryPlan("宽带故障 roaming", groups);
    expect(p.groups).toEqual([
      ["宽带 故障", "光纤 故障", "broadband 故障"],
      ["roaming", "漫游"],
    ]);
    expect(p.fuzzy).toEqual(["roaming"]);
    expect(p.highlights).toContain("光纤故障");
  });
  test("a mistyped latin word may also be its corrections", () => {
    const p = buildQueryPlan("kuandia 故障", [], new Map([["kuandia", ["kuandai", "kuandia"]]]));
    expect(p.groups).toEqual([["kuandia", "kuandai"], ["故障"]]);
  });
  test("punctuation separates terms; a one-term group is no synonym; digits are no typo word", () => {
    expect(buildQueryPlan("单独，5G", groups).groups).toEqual([["单独"], ["5g"]]);
    expect(buildQueryPlan("5G", groups).fuzzy).toEqual([]);
    expect(buildQueryPlan("   ", groups).groups).toEqual([]);
  });
});

describe("ranking and logging", () => {
  test.each([
    [0, 0, 0],
    [1, 0, 1 / 6],
    [0, 1, -1 / 6],
    [10, 0, 11 / 12 - 0.5],
  ])("helpfulScore(%i, %i)", (h, u, s) => expect(helpfulScore(h, u)).toBeCloseTo(s, 6));
  test("more votes of the same share count more", () => expect(helpfulScore(20, 2)).toBeGreaterThan(helpfulScore(2, 0)));
  test.each([
    ["13800138000", true],
    ["138 0013 8000", true],
    ["330102199001011234", true],
    ["5G套餐", false],
    ["宽带 300M", false],
    ["话费 2024", false],
  ])("isNumberLike(%s) = %s", (q, yes) => expect(isNumberLike(q)).toBe(yes));
});

describe("text", () => {
  test("snippets cut around the first highlight, plain text", () => {
    const text = `${"前言。".repeat(60)}客户宽带无法上网时先重启光猫。${"后记。".repeat(60)}`;
    const s = snippetOf(text, ["光猫"], 80);
    expect(s).toContain("光猫");
    expect(s.startsWith("…")).toBe(true);
    expect(Array.from(s).length).toBeLessThanOrEqual(80);
    expect(snippetOf("短文", ["x"])).toBe("短文");
  });
  test("sanitising twice changes nothing (save, then render)", () => {
    const once = sanitizeArticleHtml('<p>a <a href="https://x.cn">b</a></p><ol><li>c</li></ol>');
    expect(sanitizeArticleHtml(once)).toBe(once);
  });
  test("htmlToText drops tags and scripts and decodes entities", () => {
    expect(htmlToText("<p>a&amp;b</p><script>x()</script><br>c")).toBe("a&b c");
  });
  test("sanitising keeps structure and safe links, drops scripts, handlers and javascript: URLs", () => {
    const html = sanitizeArticleHtml(
      '<h3 onclick="x">标题</h3><script>alert(1)</script><a href="javascript:alert(1)">a</a><a href="https://x.cn">b</a><img src=x onerror=y><iframe></iframe>',
    );
    expect(html).toBe(
      '<h3>标题</h3><a rel="noopener noreferrer nofollow" target="_blank">a</a><a href="https://x.cn" rel="noopener noreferrer nofollow" target="_blank">b</a>',
    );
  });
});

describe("diff", () => {
  test("block lines of HTML", () => expect(diffLines("<p>一</p><ul><li>二</li><li>三</li></ul>")).toEqual(["一", "二", "三"]));
  test.each([
    [
      ["a", "b", "c"],
      ["a", "c"],
      [
        { op: "same", text: "a" },
        { op: "removed", text: "b" },
        { op: "same", text: "c" },
      ],
    ],
    [[], ["x"], [{ op: "added", text: "x" }]],
    [["x"], ["x"], [{ op: "same", text: "x" }]],
  ])("diffText(%j, %j)", (a, b, ops) => expect(diffText(a, b)).toEqual(ops));
});
