// The generated knowledge base (issue 24) for the benchmark: the demo's category tree and synonym
// groups, then N articles (20,000 by default) composed deterministically from a bilingual
// vocabulary of products, symptoms and procedures — so a query like 宽带 or "roaming" matches
// hundreds of articles and the ranking has real work. Inserted set-based in batches; the search
// columns are written by lib/knowledge's one writer (writeSearchColumnsWith), as for any article.
import type pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";
import { mulberry32, type Random } from "@/lib/shared/random";
import { KB_DEMO_CATEGORIES, KB_DEMO_SYNONYMS, demoArticleHtml } from "@/tests/factories/knowledge-content";

interface Client {
  query: pg.Client["query"];
}

const SUBJECTS: Array<[string, string]> = [
  ["宽带", "broadband"],
  ["光纤宽带", "fibre broadband"],
  ["光猫", "modem"],
  ["无线路由器", "Wi-Fi router"],
  ["5G套餐", "5G plan"],
  ["4G套餐", "4G plan"],
  ["流量包", "data pack"],
  ["国际漫游", "international roaming"],
  ["话费账单", "phone bill"],
  ["副卡", "add-on SIM"],
  ["固定电话", "fixed line"],
  ["视频会员", "video membership"],
  ["携号转网", "number porting"],
  ["停机保号", "number suspension"],
  ["电子发票", "e-invoice"],
  ["积分", "loyalty points"],
  ["VoLTE", "VoLTE"],
  ["物联网卡", "IoT SIM"],
  ["企业专线", "business leased line"],
  ["IPTV", "IPTV"],
  ["家庭组网", "home mesh network"],
  ["亲情号码", "family numbers"],
  ["合约机", "contract phone"],
  ["靓号", "premium number"],
];
const TOPICS: Array<[string, string]> = [
  ["故障排查", "troubleshooting"],
  ["办理流程", "how to apply"],
  ["资费说明", "rates explained"],
  ["常见问题", "FAQ"],
  ["投诉处理", "handling complaints"],
  ["退订方法", "cancelling"],
  ["开通条件", "eligibility"],
  ["计费规则", "charging rules"],
  ["变更流程", "changing it"],
  ["安装预约", "booking installation"],
  ["服务口径", "what to tell customers"],
  ["优惠活动", "current offers"],
];
const AUDIENCES: Array<[string, string]> = [
  ["个人客户", "individual customers"],
  ["家庭客户", "family customers"],
  ["政企客户", "business customers"],
  ["老年客户", "older customers"],
  ["校园用户", "students"],
  ["农村用户", "rural customers"],
];
const SENTENCES: Array<[string, string]> = [
  ["先核实机主身份，再为客户查询业务状态。", "Verify the holder first, then look up the service's status."],
  ["如需上门，预约时与客户确认地址和时段。", "If a visit is needed, confirm the address and a slot with the customer."],
  ["费用问题调取详单逐项核对。", "For charges, pull the itemised record and check it line by line."],
  ["处理结果须在 24 小时内反馈客户。", "Give the customer the result within 24 hours."],
  ["客户情绪激动时先致歉并安抚。", "When the customer is upset, apologise and calm them first."],
  ["超出权限的补偿提交班长审批。", "Compensation above your limit goes to a supervisor."],
  ["变更次月生效，当月费用不变。", "Changes take effect next month; this month's fee stays."],
  ["远程重启设备可解决大部分问题。", "A remote restart of the device solves most problems."],
  ["区域故障以通告为准，不得猜测原因。", "For area outages follow the notice; never guess the cause."],
  ["办理完成后发送短信确认。", "Send a confirmation text once done."],
  ["合约期内不可降档。", "No downgrade during a contract."],
  ["网速低于签约速率 80% 的登记故障。", "Below 80% of the contracted speed, log a fault."],
];

const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

export interface GeneratedArticle {
  categoryCode: string;
  titleZh: string;
  titleEn: string;
  tags: string[];
  bodyZh: string;
  bodyEn: string;
  status: "DRAFT" | "PUBLISHED" | "ARCHIVED";
  visibleTo: string[];
  helpful: number;
  unhelpful: number;
  reviewInDays: number;
}

const CATEGORY_OF: Record<string, string> = { 故障排查: "FAULTS", 投诉处理: "COMPLAINTS", 服务口径: "SKILLS", 资费说明: "TARIFFS", 计费规则: "TARIFFS" };

/** Article number `i` of the generated base (the same for a given seed and index). */
export function generatedArticle(seed: number, i: number): GeneratedArticle {
  const r = mulberry32(seed * 100_003 + i);
  const [sz, se] = pick(r, SUBJECTS);
  const [tz, te] = pick(r, TOPICS);
  const [az, ae] = pick(r, AUDIENCES);
  const sentences = Array.from({ length: 3 + Math.floor(r() * 4) }, () => pick(r, SENTENCES));
  const roll = r();
  return {
    categoryCode: CATEGORY_OF[tz] ?? pick(r, ["PRODUCTS_MOBILE", "PRODUCTS_BROADBAND", "PRODUCTS_VAS", "PROCEDURES", "FAULTS_BROADBAND", "FAULTS_MOBILE"]),
    titleZh: `${az}${sz}${tz}（${i + 1}）`,
    titleEn: `${se}: ${te} for ${ae} (${i + 1})`,
    tags: [sz, tz],
    bodyZh: demoArticleHtml([`本文介绍${az}的${sz}${tz}。`, sentences.map((s) => s[0]).join("")]),
    bodyEn: demoArticleHtml([`How ${se} ${te.toLowerCase()} works for ${ae}.`, sentences.map((s) => s[1]).join(" ")]),
    status: roll < 0.9 ? "PUBLISHED" : roll < 0.95 ? "DRAFT" : "ARCHIVED",
    visibleTo: r() < 0.05 ? ["SUPERVISOR", "MANAGER", "ADMIN"] : [],
    helpful: Math.floor(r() * r() * 30),
    unhelpful: Math.floor(r() * r() * 8),
    reviewInDays: Math.floor(r() * 400) - 60,
  };
}

/** Categories and synonym groups (the demo's), then `articles` generated articles with their search columns. */
export async function seedKnowledgeBase(c: Client, opts: { articles?: number; seed?: number; batch?: number } = {}): Promise<number> {
  const { writeSearchColumnsWith } = await import("@/lib/knowledge/search-index");
  const total = opts.articles ?? 20_000;
  const seed = opts.seed ?? 20261207;
  const batch = opts.batch ?? 1000;
  for (const cat of KB_DEMO_CATEGORIES) {
    await c.query(
      `INSERT INTO kb_category (code, parent_id, name_zh, name_en, sort_order)
       VALUES ($1, (SELECT id FROM kb_category WHERE code = $2), $3, $4, $5) ON CONFLICT (code) DO NOTHING`,
      [cat.code, cat.parent, cat.nameZh, cat.nameEn, cat.sortOrder],
    );
  }
  await c.query(
    `INSERT INTO kb_synonym (terms) SELECT t FROM unnest($1::text[]) AS t0(j), LATERAL (SELECT string_to_array(j, '|') AS t) x
                  WHERE NOT EXISTS (SELECT 1 FROM kb_synonym s WHERE s.terms = x.t)`,
    [KB_DEMO_SYNONYMS.map((g) => g.join("|"))],
  );
  const cats = new Map((await c.query<{ id: number; code: string }>(`SELECT id, code FROM kb_category`)).rows.map((r) => [r.code, r.id]));
  const owners = (await c.query<{ id: number }>(`SELECT id FROM app_user WHERE role IN ('SUPERVISOR', 'ADMIN') AND is_active ORDER BY id`)).rows.map(
    (r) => r.id,
  );
  const complaintCategories = (await c.query<{ id: number }>(`SELECT id FROM complaint_category ORDER BY id`)).rows.map((r) => r.id);
  if (!owners.length) throw new Error("seedKnowledgeBase: no supervisor or admin to own the articles");
  const run = async <T>(sql: Prisma.Sql) => (await c.query(sql.text, sql.values as unknown[])).rows as T[];
  let written = 0;
  for (let from = 0; from < total; from += batch) {
    const rows = Array.from({ length: Math.min(batch, total - from) }, (_, k) => generatedArticle(seed, from + k));
    const n = rows.length;
    const idx = Array.from({ length: n }, (_, k) => from + k);
    const inserted = await c.query<{ id: number }>(
      `INSERT INTO kb_article (category_id, title_zh, title_en, body_zh, body_en, tags, status, visible_to, owner_id, review_due,
                               complaint_category_ids, helpful_count, unhelpful_count, created_by_id)
       SELECT d.category_id, d.title_zh, d.title_en, d.body_zh, d.body_en, string_to_array(d.tags, '|'), d.status::"KbArticleStatus",
              coalesce(string_to_array(NULLIF(d.visible_to, ''), '|')::"Role"[], '{}'), d.owner_id, current_date + d.review_in,
              CASE WHEN d.complaint_category_id IS NULL THEN '{}'::int[] ELSE ARRAY[d.complaint_category_id] END, d.helpful, d.unhelpful, d.owner_id
         FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::int[], $11::int[], $12::int[], $13::int[])
           AS d(category_id, title_zh, title_en, body_zh, body_en, tags, status, visible_to, owner_id, review_in, complaint_category_id, helpful, unhelpful)
       RETURNING id`,
      [
        rows.map((a) => cats.get(a.categoryCode)!),
        rows.map((a) => a.titleZh),
        rows.map((a) => a.titleEn),
        rows.map((a) => a.bodyZh),
        rows.map((a) => a.bodyEn),
        rows.map((a) => a.tags.join("|")),
        rows.map((a) => a.status),
        rows.map((a) => a.visibleTo.join("|")),
        idx.map((i) => owners[i % owners.length]),
        rows.map((a) => a.reviewInDays),
        idx.map((i) => (complaintCategories.length && i % 10 === 0 ? complaintCategories[i % complaintCategories.length] : null)),
        rows.map((a) => a.helpful),
        rows.map((a) => a.unhelpful),
      ],
    );
    const ids = inserted.rows.map((r) => r.id);
    await c.query(
      `INSERT INTO kb_article_revision (article_id, revision, title_zh, title_en, body_zh, body_en, tags, author_id, note)
       SELECT id, 1, title_zh, title_en, body_zh, body_en, tags, owner_id, 'generated' FROM kb_article WHERE id = ANY ($1::int[])`,
      [ids],
    );
    written += await writeSearchColumnsWith(run, ids);
  }
  await c.query("ANALYZE kb_article");
  return written;
}
