// Knowledge base (issue 24): bilingual search relevance on fixtures (a Chinese query finds the
// Chinese article among distractors, pinyin and English typos still hit, synonyms, feedback and
// the complaint category rank), visibility by role and status, the search log and gap report
// (numbers never logged), articles with revisions, diff, restore and optimistic concurrency,
// sanitised HTML, attachments, reviews, categories and synonyms — and who may not, may not.
import crypto from "node:crypto";
import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import {
  addArticleAttachment,
  createArticle,
  createKbCategory,
  deleteSynonymGroup,
  markArticleReviewed,
  removeArticleAttachment,
  restoreRevision,
  saveSynonymGroup,
  updateArticle,
  updateKbCategory,
} from "@/lib/knowledge/commands";
import {
  getArticle,
  getArticleAttachment,
  getRevisionDiff,
  getSearchGapReport,
  listArticles,
  listKbCategories,
  listMyReviewsDue,
  listRevisions,
  listSynonymGroups,
} from "@/lib/knowledge/queries";
import { searchArticles } from "@/lib/knowledge/search-queries";
import { rateArticle, recordSearchClick } from "@/lib/knowledge/feedback-commands";
import type { CreateArticleInput } from "@/lib/knowledge/schemas";
import { actorFor, auditCount } from "./helpers";

let admin: Actor;
let manager: Actor;
let supervisor: Actor;
let agent: Actor;
let otherAgent: Actor;
let category: number;
const uniq = () => crypto.randomBytes(4).toString("hex");
/** A unique word without digits (a run of digits would look like a phone number and not be logged). */
const word = () => uniq().replace(/\d/g, (d) => "ghijklmnop"[Number(d)]);

beforeAll(async () => {
  admin = await actorFor("admin1");
  manager = await actorFor("manager1");
  supervisor = await actorFor("supervisor1");
  agent = await actorFor("agent1");
  otherAgent = await actorFor("agent2");
  category = (await createKbCategory(admin, { code: `KBT_${uniq().toUpperCase()}`, nameZh: "测试分类", nameEn: "Test category" })).id;
});

function article(overrides: Partial<CreateArticleInput> = {}): CreateArticleInput {
  return {
    categoryId: category,
    titleZh: "测试文章",
    titleEn: "",
    bodyZh: "",
    bodyEn: "",
    tags: [],
    status: "PUBLISHED",
    ownerId: supervisor.id,
    ...overrides,
  };
}

const inCatOf = (categoryId: number, o: Partial<CreateArticleInput>) => make({ categoryId, ...o });

async function make(overrides: Partial<CreateArticleInput>): Promise<number> {
  return (await createArticle(admin, article(overrides))).id;
}

const ids = async (actor: Actor, q: string, extra: { categoryId?: number; complaintCategoryId?: number } = {}) =>
  (
    await searchArticles(actor, { q, categoryId: extra.categoryId ?? category, complaintCategoryId: extra.complaintCategoryId, limit: 20, source: "knowledge" })
  ).hits.map((h) => h.id);

describe("bilingual search relevance", () => {
  let target: number;
  let bandwidth: number;
  let loose: number;
  let english: number;
  let repair: number;
  let fibre: number;
  let cat: number;

  beforeAll(async () => {
    cat = (await createKbCategory(admin, { code: `KBR_${uniq().toUpperCase()}`, nameZh: "相关性", nameEn: "Relevance" })).id;
    const inCat = (o: Partial<CreateArticleInput>) => make({ categoryId: cat, ...o });
    target = await inCat({ titleZh: "宽带故障报修流程", tags: ["宽带", "报修"], bodyZh: "<p>客户宽带无法上网时，先远程重启光猫。</p>" });
    // Distractors: the same characters in another order or apart, and a body-only mention.
    bandwidth = await inCat({ titleZh: "企业专线带宽扩容说明", bodyZh: "<p>带宽不足时可申请扩容，故障另行处理。</p>" });
    loose = await inCat({ titleZh: "宽松退订政策", bodyZh: "<p>退订后带走的权益说明。</p>" });
    repair = await inCat({ titleZh: "维修预约说明", bodyZh: "<p>宽带故障上门维修需提前预约。</p>" });
    english = await inCat({ titleZh: "安装指南", titleEn: "Broadband installation guide", tags: ["installation"], bodyEn: "<p>How to install the modem.</p>" });
    fibre = await inCat({ titleZh: "光纤入户改造", bodyZh: "<p>铜缆改光纤入户的办理方法。</p>" });
  });

  test("a Chinese query finds the Chinese article first among distractors; reordered characters do not match", async () => {
    const hits = await ids(agent, "宽带故障", { categoryId: cat });
    expect(hits[0]).toBe(target);
    expect(hits).toContain(repair); // body mention, ranked below the title match
    expect(hits.indexOf(repair)).toBeGreaterThan(hits.indexOf(target));
    expect(hits).not.toContain(bandwidth); // 带宽 is not 宽带
    expect(hits).not.toContain(loose);
  });

  test("pinyin, pinyin with a typo and an English typo still hit", async () => {
    expect((await ids(agent, "kuandai", { categoryId: cat }))[0]).toBe(target);
    expect(await ids(agent, "kuandia", { categoryId: cat })).toContain(target);
    expect(await ids(agent, "brodband", { categoryId: cat })).toContain(english);
    expect(await ids(agent, "instalation", { categoryId: cat })).toContain(english);
  });

  test("synonym groups an admin edits expand the query, and stop when deleted", async () => {
    const pay = await inCatOf(cat, { titleZh: "翼支付使用说明" });
    const wallet = await inCatOf(cat, { titleZh: "电子钱包开通方法" });
    expect(await ids(agent, "翼支付", { categoryId: cat })).toEqual([pay]);
    const group = await saveSynonymGroup(admin, { terms: "翼支付, 电子钱包, ewallet" });
    try {
      expect((await ids(agent, "翼支付", { categoryId: cat })).sort()).toEqual([pay, wallet].sort());
      expect((await ids(agent, "ewallet", { categoryId: cat })).sort()).toEqual([pay, wallet].sort());
      // Inside a longer Chinese query too: 电子钱包开通 is also tried as 翼支付开通.
      expect(await ids(agent, "翼支付开通", { categoryId: cat })).toEqual([wallet]);
    } finally {
      await deleteSynonymGroup(admin, { id: group.id });
    }
    expect(await ids(agent, "翼支付", { categoryId: cat })).toEqual([pay]);
  });

  test("the demo's synonym group finds 光纤 for 宽带", async () => {
    const group = await saveSynonymGroup(admin, { terms: "宽带, 光纤, broadband" });
    try {
      expect(await ids(agent, "宽带", { categoryId: cat })).toEqual(expect.arrayContaining([target, fibre, english]));
    } finally {
      await deleteSynonymGroup(admin, { id: group.id });
    }
  });

  test("helpful feedback and the complaint category move an article up", async () => {
    const c2 = (await createKbCategory(admin, { code: `KBF_${uniq().toUpperCase()}`, nameZh: "反馈", nameEn: "Feedback" })).id;
    const a = await make({ categoryId: c2, titleZh: "话费查询方法" });
    const b = await make({ categoryId: c2, titleZh: "话费查询方法" });
    expect(await ids(agent, "话费查询", { categoryId: c2 })).toEqual([b, a]); // equal: newest first
    for (const u of ["agent1", "agent2", "agent3", "supervisor1"]) await rateArticle(await actorFor(u), { articleId: a, helpful: true });
    expect(await ids(agent, "话费查询", { categoryId: c2 })).toEqual([a, b]);
    const billing = await db.complaintCategory.findUniqueOrThrow({ where: { code: "BILLING_OVERCHARGE" } });
    const c = await make({ categoryId: c2, titleZh: "话费查询方法", complaintCategoryIds: [billing.id] });
    expect((await ids(agent, "话费查询", { categoryId: c2, complaintCategoryId: billing.id }))[0]).toBe(c);
    // The side panel without a query: the category's related articles.
    expect(await ids(agent, "", { categoryId: c2, complaintCategoryId: billing.id })).toEqual([c]);
  });

  test("hits carry plain-text snippets around the match", async () => {
    const r = await searchArticles(agent, { q: "重启光猫", categoryId: cat, limit: 5, source: "palette" });
    expect(r.hits[0].id).toBe(target);
    expect(r.hits[0].snippetZh).toContain("光猫");
    expect(r.hits[0].snippetZh).not.toContain("<");
  });
});

describe("visibility", () => {
  test("drafts, archived articles and other roles' articles are not searched or opened by readers; writers open them", async () => {
    const vis = `可见性${word()}`;
    const draft = await make({ titleZh: `${vis} 草稿`, status: "DRAFT" });
    const archived = await make({ titleZh: `${vis} 归档`, status: "ARCHIVED" });
    const internal = await make({ titleZh: `${vis} 内部`, visibleTo: ["SUPERVISOR", "MANAGER"] });
    const open = await make({ titleZh: `${vis} 公开` });
    expect(await ids(agent, vis)).toEqual([open]);
    expect((await ids(manager, vis)).sort()).toEqual([internal, open].sort());
    await expect(getArticle(agent, draft)).rejects.toMatchObject({ code: "notFound" });
    await expect(getArticle(agent, internal)).rejects.toMatchObject({ code: "notFound" });
    await expect(getArticle(manager, archived)).rejects.toMatchObject({ code: "notFound" });
    expect((await getArticle(supervisor, draft)).status).toBe("DRAFT");
    const list = await listArticles(agent, { categoryId: category, limit: 100 });
    expect(list.rows.map((r) => r.id)).not.toContain(draft);
    expect((await listArticles(admin, { categoryId: category, limit: 100 })).rows.map((r) => r.id)).toContain(draft);
    await expect(rateArticle(agent, { articleId: draft, helpful: true })).rejects.toMatchObject({ code: "notFound" });
  });
});

describe("search log and gap report", () => {
  test("a search is logged for the gap report until someone clicks; numbers and e-mails are never logged", async () => {
    const q = `无结果查询${word()}`;
    const before = await db.kbSearchLog.count();
    const r = await searchArticles(agent, { q, limit: 5, source: "palette" });
    expect(r.searchId).not.toBeNull();
    expect(r.hits).toEqual([]);
    const phone = await searchArticles(agent, { q: "138 0013 8000", limit: 5, source: "palette" });
    expect(phone.searchId).toBeNull();
    const id = await searchArticles(agent, { q: "身份证 330102199001011234", limit: 5, source: "palette" });
    expect(id.searchId).toBeNull();
    const email = await searchArticles(agent, { q: "退订 zhang.wei@example.com", limit: 5, source: "palette" });
    expect(email.searchId).toBeNull();
    // A NUL is not search text (the database would refuse it in the log): it is a space.
    const nul = await searchArticles(agent, { q: `${q}\u0000`, limit: 5, source: "palette" });
    expect(nul.searchId).not.toBeNull();
    expect(await db.kbSearchLog.count()).toBe(before + 2);
    const gaps = await getSearchGapReport(supervisor, { days: 7 });
    expect(gaps.find((g) => g.normalized === q)).toMatchObject({ searches: 2, noResults: 2 });

    const clickWord = `点击${word()}`;
    const a = await make({ titleZh: clickWord });
    const s = await searchArticles(agent, { q: clickWord, limit: 5, source: "knowledge" });
    expect((await getSearchGapReport(admin, { days: 7 })).some((g) => g.normalized === clickWord)).toBe(true);
    // Someone else's click on my search changes nothing.
    await recordSearchClick(otherAgent, { searchId: s.searchId!, articleId: a });
    expect((await getSearchGapReport(admin, { days: 7 })).some((g) => g.normalized === clickWord)).toBe(true);
    await recordSearchClick(agent, { searchId: s.searchId!, articleId: a });
    expect((await getSearchGapReport(admin, { days: 7 })).some((g) => g.normalized === clickWord)).toBe(false);
    await expect(getSearchGapReport(agent, { days: 7 })).rejects.toMatchObject({ code: "forbidden" });
    await expect(getSearchGapReport(manager, { days: 7 })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("articles, revisions and restore", () => {
  test("create sanitises HTML, writes revision 1, the search columns and an audit row; agents and managers may not", async () => {
    const audits = await auditCount({ action: "kbArticle.created" });
    const id = await make({
      titleZh: "消毒测试",
      bodyZh:
        '<p onclick="x()">正文<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">链接</a><a href="https://example.com">好链接</a></p>',
    });
    const a = await getArticle(agent, id);
    expect(a.bodyZh).not.toMatch(/script|onerror|onclick|javascript:|<img/);
    expect(a.bodyZh).toContain('href="https://example.com"');
    expect(a.revision).toBe(1);
    expect(await auditCount({ action: "kbArticle.created" })).toBe(audits + 1);
    const [row] = await db.$queryRaw<Array<{ v: string | null }>>`SELECT search_vector::text AS v FROM kb_article WHERE id = ${id}`;
    expect(row.v).toContain("'消毒':1A");
    const count = await db.kbArticle.count();
    await expect(createArticle(agent, article())).rejects.toMatchObject({ code: "forbidden" });
    await expect(createArticle(manager, article())).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.kbArticle.count()).toBe(count);
  });

  test("field errors: a title is required, the owner must be able to write, related rows must exist", async () => {
    await expect(createArticle(admin, article({ titleZh: "" }))).rejects.toMatchObject({ code: "validation", fields: { titleZh: "required" } });
    await expect(createArticle(admin, article({ ownerId: agent.id }))).rejects.toMatchObject({ fields: { ownerId: "kbOwnerCannotWrite" } });
    await expect(createArticle(admin, article({ relatedIds: [2_000_000_000] }))).rejects.toMatchObject({ fields: { relatedIds: "invalidOption" } });
    await expect(createArticle(admin, article({ tags: ["x".repeat(31)] }))).rejects.toMatchObject({ fields: { "tags.0": "tooLong" } });
  });

  test("update adds a revision; a stale version conflicts and changes nothing; restore copies an old revision back", async () => {
    const id = await make({ titleZh: "修订测试", bodyZh: "<p>第一行</p><p>第二行</p>", tags: ["甲"] });
    const a1 = await getArticle(supervisor, id);
    const fields = article();
    await updateArticle(supervisor, {
      ...fields,
      id,
      version: a1.version,
      titleZh: "修订测试",
      bodyZh: "<p>第一行</p><p>第三行</p>",
      tags: ["乙"],
      note: "改第二行",
    });
    const a2 = await getArticle(supervisor, id);
    expect(a2.revision).toBe(2);
    expect(a2.version).toBe(a1.version + 1);
    const audits = await auditCount({ action: "kbArticle.updated" });
    await expect(updateArticle(supervisor, { ...fields, id, version: a1.version, titleZh: "过期" })).rejects.toMatchObject({ code: "conflict" });
    expect((await getArticle(supervisor, id)).titleZh).toBe("修订测试");
    expect(await auditCount({ action: "kbArticle.updated" })).toBe(audits);
    expect(await db.kbArticleRevision.count({ where: { articleId: id } })).toBe(2);

    const diff = await getRevisionDiff(supervisor, id, 2);
    expect(diff.bodyZh).toEqual([
      { op: "same", text: "第一行" },
      { op: "removed", text: "第二行" },
      { op: "added", text: "第三行" },
    ]);
    expect(diff.tags).toEqual([
      { op: "removed", text: "甲" },
      { op: "added", text: "乙" },
    ]);
    expect((await listRevisions(supervisor, id)).map((r) => r.revision)).toEqual([2, 1]);

    await expect(restoreRevision(supervisor, { articleId: id, revision: 1, version: a1.version })).rejects.toMatchObject({ code: "conflict" });
    await restoreRevision(supervisor, { articleId: id, revision: 1, version: a2.version });
    const a3 = await getArticle(agent, id);
    expect(a3.revision).toBe(3);
    expect(a3.bodyZh).toContain("第二行");
    expect(await ids(agent, "第二行")).toContain(id); // the search columns follow the restore
    await expect(restoreRevision(supervisor, { articleId: id, revision: 3, version: a3.version })).rejects.toMatchObject({ code: "history.notRestorable" });
    await expect(restoreRevision(agent, { articleId: id, revision: 1, version: a3.version })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listRevisions(agent, id)).rejects.toMatchObject({ code: "forbidden" });
  });

  test("reviews due are listed for their owner; marking one reviewed moves the day", async () => {
    const id = await make({ titleZh: "复审测试", ownerId: supervisor.id, reviewDue: "2020-01-01" });
    const today = new Date().toISOString().slice(0, 10);
    const due = await listMyReviewsDue(supervisor, { today });
    expect(due.find((r) => r.id === id)).toMatchObject({ overdue: true });
    expect((await listMyReviewsDue(admin, { today })).some((r) => r.id === id)).toBe(false);
    const { version } = await getArticle(supervisor, id);
    await expect(markArticleReviewed(supervisor, { articleId: id, version, nextReview: "2020-02-01" })).rejects.toMatchObject({
      fields: { nextReview: "kbReviewInFuture" },
    });
    await markArticleReviewed(supervisor, { articleId: id, version, nextReview: "2099-01-01" });
    expect((await listMyReviewsDue(supervisor, { today })).some((r) => r.id === id)).toBe(false);
    await expect(markArticleReviewed(supervisor, { articleId: id, version, nextReview: "2099-02-01" })).rejects.toMatchObject({ code: "conflict" });
    await expect(listMyReviewsDue(agent, { today })).rejects.toMatchObject({ code: "forbidden" });
  });

  test("helpful votes: one per person, a second replaces the first", async () => {
    const id = await make({ titleZh: "投票测试" });
    await rateArticle(agent, { articleId: id, helpful: true });
    expect(await rateArticle(otherAgent, { articleId: id, helpful: true })).toEqual({ helpfulCount: 2, unhelpfulCount: 0 });
    expect(await rateArticle(agent, { articleId: id, helpful: false })).toEqual({ helpfulCount: 1, unhelpfulCount: 1 });
    expect((await getArticle(agent, id)).myVote).toBe(false);
  });
});

describe("attachments", () => {
  const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a]);
  test("a writer attaches a file; readers of the article download it; disguised HTML is refused", async () => {
    const id = await make({ titleZh: "附件测试" });
    const draft = await make({ titleZh: "附件草稿", status: "DRAFT" });
    const f = await addArticleAttachment(supervisor, { articleId: id, fileName: "guide.pdf", mimeType: "application/pdf", data: pdf });
    const d = await addArticleAttachment(supervisor, {
      articleId: draft,
      fileName: "draft.txt",
      mimeType: "text/plain",
      data: new TextEncoder().encode("hello"),
    });
    expect((await getArticleAttachment(agent, f.id)).mimeType).toBe("application/pdf");
    await expect(getArticleAttachment(agent, d.id)).rejects.toMatchObject({ code: "notFound" });
    await expect(
      addArticleAttachment(supervisor, {
        articleId: id,
        fileName: "x.png",
        mimeType: "image/png",
        data: new TextEncoder().encode("<html><script>alert(1)</script>"),
      }),
    ).rejects.toMatchObject({ fields: { file: "fileContent" } });
    await expect(addArticleAttachment(agent, { articleId: id, fileName: "a.pdf", mimeType: "application/pdf", data: pdf })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(removeArticleAttachment(agent, { id: f.id })).rejects.toMatchObject({ code: "forbidden" });
    await removeArticleAttachment(supervisor, { id: f.id });
    await expect(getArticleAttachment(agent, f.id)).rejects.toMatchObject({ code: "notFound" });
    expect(await auditCount({ action: "kbAttachment.removed" })).toBeGreaterThan(0);
  });
});

describe("categories and synonyms (admins)", () => {
  test("the tree is ordered depth-first; a category cannot move under itself; only admins configure", async () => {
    const root = await createKbCategory(admin, { code: `KBC_${uniq().toUpperCase()}`, nameZh: "根", nameEn: "Root", sortOrder: 9000 });
    const child = await createKbCategory(admin, { code: `KBC_${uniq().toUpperCase()}`, parentId: root.id, nameZh: "子", nameEn: "Child" });
    const tree = await listKbCategories(agent);
    const i = tree.findIndex((c) => c.id === root.id);
    expect(tree[i + 1]).toMatchObject({ id: child.id, depth: 1 });
    const r = await db.kbCategory.findUniqueOrThrow({ where: { id: root.id } });
    await expect(updateKbCategory(admin, { id: root.id, version: r.version, parentId: child.id, nameZh: "根", nameEn: "Root" })).rejects.toMatchObject({
      fields: { parentId: "categoryLoop" },
    });
    await updateKbCategory(admin, { id: root.id, version: r.version, parentId: null, nameZh: "根节点", nameEn: "Root node", sortOrder: 9001 });
    await expect(updateKbCategory(admin, { id: root.id, version: r.version, parentId: null, nameZh: "x", nameEn: "x" })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(createKbCategory(admin, { code: r.code, nameZh: "重", nameEn: "Dup" })).rejects.toMatchObject({ fields: { code: "codeTaken" } });
    await expect(createKbCategory(supervisor, { code: "KBC_NO", nameZh: "否", nameEn: "No" })).rejects.toMatchObject({ code: "forbidden" });
  });

  test("synonym groups: at least two terms, folded; edits carry a version; supervisors may not", async () => {
    await expect(saveSynonymGroup(admin, { terms: "只有一个" })).rejects.toMatchObject({ fields: { terms: "tooFew" } });
    const g = await saveSynonymGroup(admin, { terms: ["ＷｉＦｉ", "无线", "wifi", " "] });
    const row = (await listSynonymGroups(admin)).find((s) => s.id === g.id)!;
    expect(row.terms).toEqual(["wifi", "无线"]);
    await saveSynonymGroup(admin, { id: g.id, version: row.version, terms: "wifi, 无线, wlan" });
    await expect(saveSynonymGroup(admin, { id: g.id, version: row.version, terms: "a, b" })).rejects.toMatchObject({ code: "conflict" });
    await expect(saveSynonymGroup(supervisor, { terms: "a, b" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteSynonymGroup(supervisor, { id: g.id })).rejects.toMatchObject({ code: "forbidden" });
    await deleteSynonymGroup(admin, { id: g.id });
    await expect(deleteSynonymGroup(admin, { id: g.id })).rejects.toMatchObject({ code: "notFound" });
  });
});
