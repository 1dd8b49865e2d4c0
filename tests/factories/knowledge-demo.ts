// The knowledge-base demo (issue 24): the category tree, ~40 bilingual articles (knowledge-content.ts)
// written through lib/knowledge (revisions, search columns, audit), synonym groups, "was this
// helpful" votes from the demo staff, a second revision of the broadband article (a diff to look at),
// and searches for the gap report. Reviews are set relative to `now`, so supervisor1 and admin1
// always have overdue ones. Runs after the seed's transaction commits; a marker makes it run once.
import { db } from "@/lib/db";
import { actorOf } from "@/tests/factories/staff";
import { createArticle, createKbCategory, saveSynonymGroup, updateArticle } from "@/lib/knowledge/commands";
import { rateArticle, recordSearchClick } from "@/lib/knowledge/feedback-commands";
import { searchArticles } from "@/lib/knowledge/search-queries";
import { demoArticleHtml, KB_DEMO_ARTICLES, KB_DEMO_CATEGORIES, KB_DEMO_SYNONYMS } from "@/tests/factories/knowledge-content";

const MARKER = "demo.knowledgeSeededAt";

const dayPlus = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

/** Votes: [article key, usernames who found it helpful, usernames who did not]. */
const VOTES: Array<[string, string[], string[]]> = [
  ["bb-fault", ["agent1", "agent2", "agent3", "agent4", "agent5", "supervisor2"], []],
  ["apology", ["agent1", "agent3", "agent6", "supervisor2"], ["agent2"]],
  ["bill-explain", ["agent1", "agent2", "agent6"], []],
  ["overcharge", ["agent4"], ["agent1", "agent2"]],
  ["bb-dropout", ["agent3", "agent5"], []],
  ["porting", ["agent2"], []],
  ["roaming", ["agent6", "agent1"], ["agent3"]],
];

/** Searches for the gap report: [username, query, article key clicked or null]. */
const SEARCHES: Array<[string, string, string | null]> = [
  ["agent1", "宽带 上不了网", "bb-fault"],
  ["agent1", "kuandai guzhang", "bb-fault"],
  ["agent2", "roaming day pass", "roaming"],
  ["agent1", "eSIM 开通", null],
  ["agent3", "eSIM 开通", null],
  ["agent2", "eSIM 开通", null],
  ["agent4", "副卡 注销", null],
  ["agent5", "副卡 注销", null],
  ["agent6", "宽带 提速 优惠", null],
  ["agent1", "积分 兑换 话费", null],
];

export async function seedDemoKnowledge(now = new Date()): Promise<{ articles: number } | null> {
  if (await db.appSetting.findUnique({ where: { key: MARKER } })) return null;
  const users = new Map(
    (
      await db.user.findMany({
        where: { username: { in: ["admin1", "supervisor1", "agent1", "agent2", "agent3", "agent4", "agent5", "agent6", "supervisor2"] } },
      })
    ).map((u) => [u.username, u]),
  );
  const actor = (username: string) => actorOf(users.get(username)!);
  const admin = actor("admin1");

  const categories = new Map<string, number>();
  for (const c of KB_DEMO_CATEGORIES) {
    const { id } = await createKbCategory(admin, {
      code: c.code,
      parentId: c.parent ? categories.get(c.parent)! : null,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      sortOrder: c.sortOrder,
    });
    categories.set(c.code, id);
  }
  for (const terms of KB_DEMO_SYNONYMS) await saveSynonymGroup(admin, { terms });

  const complaintCategories = new Map((await db.complaintCategory.findMany({ select: { id: true, code: true } })).map((c) => [c.code, c.id]));
  const plans = new Map((await db.plan.findMany({ select: { id: true, code: true } })).map((p) => [p.code, p.id]));
  const articles = new Map<string, number>();
  // Two passes: the articles, then their related ones (which need the others' ids).
  for (const a of KB_DEMO_ARTICLES) {
    const { id } = await createArticle(actor(a.owner), {
      categoryId: categories.get(a.category)!,
      titleZh: a.titleZh,
      titleEn: a.titleEn,
      bodyZh: demoArticleHtml(a.zh, a.stepsZh),
      bodyEn: demoArticleHtml(a.en, a.stepsEn),
      tags: a.tags,
      status: a.status ?? "PUBLISHED",
      visibleTo: a.visibleTo ?? [],
      ownerId: users.get(a.owner)!.id,
      reviewDue: dayPlus(now, a.reviewInDays),
      complaintCategoryIds: (a.complaintCategories ?? []).map((c) => complaintCategories.get(c)).filter((x): x is number => !!x),
      planIds: (a.plans ?? []).map((p) => plans.get(p)).filter((x): x is number => !!x),
      note: "初稿 / first version",
    });
    articles.set(a.key, id);
  }
  for (const a of KB_DEMO_ARTICLES) {
    if (!a.related?.length && a.key !== "bb-fault") continue;
    const current = await db.kbArticle.findUniqueOrThrow({ where: { id: articles.get(a.key)! } });
    const tweak = a.key === "bb-fault";
    await updateArticle(actor(a.owner), {
      id: current.id,
      version: current.version,
      categoryId: current.categoryId,
      titleZh: current.titleZh,
      titleEn: current.titleEn,
      // The broadband article's second revision adds a step: the revisions page has a diff to show.
      bodyZh: tweak ? demoArticleHtml(a.zh, [...a.stepsZh!, "维修完成后回访客户，确认已恢复上网"]) : current.bodyZh,
      bodyEn: tweak ? demoArticleHtml(a.en, [...a.stepsEn!, "After the repair, call the customer back to confirm it works"]) : current.bodyEn,
      tags: current.tags,
      status: current.status,
      visibleTo: current.visibleTo,
      ownerId: current.ownerId,
      reviewDue: current.reviewDue ? current.reviewDue.toISOString().slice(0, 10) : null,
      complaintCategoryIds: current.complaintCategoryIds,
      planIds: current.planIds,
      relatedIds: (a.related ?? []).map((k) => articles.get(k)!),
      note: tweak ? "增加回访步骤 / added the return-visit step" : "关联文章 / related articles",
    });
  }
  for (const [key, yes, no] of VOTES) {
    for (const u of yes) await rateArticle(actor(u), { articleId: articles.get(key)!, helpful: true });
    for (const u of no) await rateArticle(actor(u), { articleId: articles.get(key)!, helpful: false });
  }
  for (const [u, q, clicked] of SEARCHES) {
    const r = await searchArticles(actor(u), { q, limit: 10, source: "knowledge" });
    if (clicked && r.searchId) await recordSearchClick(actor(u), { searchId: r.searchId, articleId: articles.get(clicked)! });
  }
  await db.appSetting.create({ data: { key: MARKER, value: { at: now.toISOString(), articles: articles.size } } });
  return { articles: articles.size };
}
