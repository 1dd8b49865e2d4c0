// Standard scripts and the agent's fingertips (issue 24, docs/scripts-and-palette.md): the most
// specific active script per stage (campaign > category > parent category > the category's reply
// script for an apology > general), the complaint's scripts filled with masked values in its scope,
// the 360's call scripts, the admins' create / edit / deactivate (audited, version-checked,
// unknown placeholders refused) — and who may not; the side panel's suggestions, the click and the
// "was this helpful" vote through the knowledge base's contract.
import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { chooseScripts, getComplaintScripts, getCustomerCallScripts, listScripts, listScriptTargets, renderScriptsFor } from "@/lib/scripts/queries";
import { createScript, setScriptActive, updateScript } from "@/lib/scripts/commands";
import { suggestArticles, suggestArticlesForComplaint } from "@/lib/palette/suggest-queries";
import { rateArticle, recordSearchClick } from "@/lib/knowledge/feedback-commands";
import { renderScriptText } from "@/lib/scripts/placeholders";
import { createComplaint } from "@/tests/factories/complaints";
import { createCustomer } from "@/tests/factories/customers";
import { createCampaign } from "@/tests/factories/campaigns";
import { createKbArticle, createKbCategory, createServiceScript } from "@/tests/factories/scripts";
import { DEMO_SCRIPTS } from "@/tests/factories/scripts-demo";
import { actorFor, auditCount } from "./helpers";
import { z } from "zod";
import { validationErrorFromZod } from "@/lib/shared/action-result";

/** The error a call ends with, as the pipeline maps it (a lib's own ZodError is a validation error). */
async function failure(p: Promise<unknown>): Promise<{ code: string; fields?: Record<string, string> }> {
  try {
    await p;
  } catch (e) {
    const err = e instanceof z.ZodError ? validationErrorFromZod(e) : (e as { code: string; fields?: Record<string, string> });
    return { code: err.code, fields: err.fields };
  }
  throw new Error("expected a failure");
}

let admin: Actor;
let manager: Actor;
let supervisor: Actor;
let agent: Actor;
let otherAgent: Actor;
const categoryId = async (code: string) => (await db.complaintCategory.findUniqueOrThrow({ where: { code } })).id;
const text = (s: { segments: Parameters<typeof renderScriptTextOf>[0] }) => renderScriptTextOf(s.segments);
function renderScriptTextOf(segments: Array<{ kind: string; text?: string; name?: string }>) {
  return segments.map((s) => (s.kind === "missing" ? `{${s.name}}` : s.text)).join("");
}

beforeAll(async () => {
  admin = await actorFor("admin1");
  manager = await actorFor("manager1");
  supervisor = await actorFor("supervisor1");
  agent = await actorFor("agent1");
  otherAgent = await actorFor("agent2");
});

const valid = {
  stage: "APOLOGY" as const,
  complaintCategoryId: null,
  campaignId: null,
  nameZh: "致歉",
  nameEn: "Apology",
  bodyZh: "{customerName}，抱歉",
  bodyEn: "{customerName}, sorry",
  sortOrder: 50,
  isActive: true,
};

describe("the demo's scripts", () => {
  test("every stage has an active general script in both languages; the broadband apology uses {customerName}", async () => {
    const rows = await db.serviceScript.findMany({ where: { isActive: true, complaintCategoryId: null, campaignId: null } });
    for (const stage of ["GREETING", "IDENTITY_CHECK", "APOLOGY", "EXPLANATION", "CLOSING", "CAMPAIGN"]) {
      const r = rows.find((x) => x.stage === stage);
      expect(r, stage).toBeDefined();
      expect(r!.bodyZh && r!.bodyEn).toBeTruthy();
    }
    const bb = await db.serviceScript.findFirstOrThrow({ where: { stage: "APOLOGY", complaintCategoryId: await categoryId("BROADBAND") } });
    expect(bb.bodyZh).toContain("{customerName}");
    expect(bb.bodyEn).toContain("{customerName}");
    expect(DEMO_SCRIPTS.length).toBeGreaterThan(6);
  });
});

describe("choosing the script of a stage", () => {
  test("campaign > category > parent category > general; inactive ones never", async () => {
    const billing = await categoryId("BILLING");
    const overcharge = await categoryId("BILLING_OVERCHARGE");
    // The demo has a BILLING apology: a subcategory without its own takes the parent's.
    const [parentPick] = await chooseScripts(agent, { stages: ["APOLOGY"], complaintCategoryId: overcharge });
    expect(parentPick).toMatchObject({ stage: "APOLOGY", match: "parentCategory" });
    const own = await createServiceScript({
      stage: "APOLOGY",
      complaintCategoryId: overcharge,
      sortOrder: 500,
      bodyZh: "多扣费专用致歉",
      bodyEn: "Overcharge apology",
    });
    await createServiceScript({ stage: "APOLOGY", complaintCategoryId: overcharge, sortOrder: 1, isActive: false, bodyZh: "停用的", bodyEn: "retired" });
    const [pick] = await chooseScripts(agent, { stages: ["APOLOGY"], complaintCategoryId: overcharge });
    expect(pick).toMatchObject({ id: own.id, match: "category" });
    expect(billing).toBeGreaterThan(0);

    const campaign = await createCampaign({});
    const forCampaign = await createServiceScript({
      stage: "CAMPAIGN",
      campaignId: campaign.id,
      sortOrder: 999,
      bodyZh: "本活动话术",
      bodyEn: "This campaign's script",
    });
    const [c1] = await chooseScripts(agent, { stages: ["CAMPAIGN"], campaignId: campaign.id });
    expect(c1).toMatchObject({ id: forCampaign.id, match: "campaign" });
    const [c2] = await chooseScripts(agent, { stages: ["CAMPAIGN"], campaignId: null });
    expect(c2!.match).toBe("general");
    expect(c2!.id).not.toBe(forCampaign.id);
  });

  test("an apology for a category without a script falls back to the category's reply script, before the general one", async () => {
    const [cat] = await db.$queryRaw<Array<{ id: number; script_zh: string }>>`
      SELECT c.id, c.script_zh FROM complaint_category c
       WHERE c.script_zh <> '' AND c.parent_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM service_script s WHERE s.complaint_category_id = c.id AND s.stage = 'APOLOGY')
       ORDER BY c.id LIMIT 1`;
    expect(cat).toBeDefined();
    const [apology, greeting] = await chooseScripts(agent, { stages: ["APOLOGY", "GREETING"], complaintCategoryId: cat!.id });
    expect(apology).toMatchObject({ stage: "APOLOGY", id: null, match: "categoryReply", bodyZh: cat!.script_zh });
    expect(greeting).toMatchObject({ stage: "GREETING", match: "general" });
  });

  test("the order of the stages asked is kept; a stage without any script is left out", async () => {
    const r = await chooseScripts(agent, { stages: ["CLOSING", "GREETING"] });
    expect(r.map((s) => s.stage)).toEqual(["CLOSING", "GREETING"]);
    expect(await chooseScripts(agent, { stages: [] })).toEqual([]);
  });

  test("renderScriptsFor fills the values the caller holds, masked as given", async () => {
    const [s] = await renderScriptsFor(agent, { stages: ["CAMPAIGN"] }, "zh-CN", {
      customerName: "张**",
      msisdn: "138****5678",
      campaignName: "宽带升级",
      offerName: "提速",
      planName: "5G套餐",
      agentName: agent.name,
    });
    expect(text(s!)).toContain("宽带升级");
    expect(text(s!)).not.toMatch(/\{\w+\}/);
  });
});

describe("the complaint's scripts", () => {
  test("agent1's broadband complaint: the apology names the customer (张先生), the number and the due time, masked; out of scope is not found", async () => {
    const { customer } = await createCustomer({ name: "张伟", type: "INDIVIDUAL", gender: "MALE", lines: [{ msisdn: `139${String(Date.now()).slice(-8)}` }] });
    const complaint = await createComplaint({ actor: agent, category: "BROADBAND", customerId: customer.id, summary: "宽带频繁断线" });
    const zh = await getComplaintScripts(agent, complaint.id, "zh-CN");
    expect(zh.map((s) => s.stage)).toEqual(["GREETING", "IDENTITY_CHECK", "APOLOGY", "EXPLANATION", "CLOSING"]);
    const apology = zh.find((s) => s.stage === "APOLOGY")!;
    expect(apology.match).toBe("category");
    const said = text(apology);
    expect(said.startsWith("张先生")).toBe(true);
    expect(said).toContain(complaint.complaintNo);
    expect(said).not.toContain("{dueAt}");
    const identity = text(zh.find((s) => s.stage === "IDENTITY_CHECK")!);
    expect(identity).toMatch(/139\*{4}\d{4}/);
    expect(identity).not.toMatch(/139\d{8}/);
    const en = await getComplaintScripts(agent, complaint.id, "en");
    expect(text(en.find((s) => s.stage === "APOLOGY")!).startsWith("Mr 张")).toBe(true);
    expect(text(en.find((s) => s.stage === "GREETING")!)).toContain(agent.name);

    await expect(getComplaintScripts(otherAgent, complaint.id, "zh-CN")).rejects.toMatchObject({ code: "notFound" });
    await expect(getComplaintScripts(supervisor, complaint.id, "zh-CN")).resolves.toHaveLength(5);
    await expect(getComplaintScripts(agent, 2_000_000_000, "zh-CN")).rejects.toMatchObject({ code: "notFound" });
  });

  test("the 360's call scripts: greeting, identity check, closing, with the masked main number", async () => {
    const { customer } = await createCustomer({
      name: "李娜",
      type: "INDIVIDUAL",
      gender: "FEMALE",
      lines: [{ msisdn: `137${String(Date.now()).slice(-8)}` }],
    });
    const r = await getCustomerCallScripts(agent, customer.id, "zh-CN");
    expect(r.map((s) => s.stage)).toEqual(["GREETING", "IDENTITY_CHECK", "CLOSING"]);
    expect(text(r[1]!)).toContain("李女士");
    expect(text(r[1]!)).toMatch(/137\*{4}\d{4}/);
    await expect(getCustomerCallScripts(agent, 2_000_000_000, "en")).rejects.toMatchObject({ code: "notFound" });
  });
});

describe("admins write the scripts", () => {
  test("create, edit with the version, deactivate: audited; a stale version changes nothing", async () => {
    const audits = await auditCount({ actorId: admin.id });
    const vas = { ...valid, complaintCategoryId: await categoryId("VAS") };
    const made = await createScript(admin, vas);
    expect(made.version).toBe(1);
    const edited = await updateScript(admin, { ...vas, id: made.id, version: 1, bodyZh: "{customerName}，非常抱歉" });
    expect(edited.version).toBe(2);
    await expect(updateScript(admin, { ...vas, id: made.id, version: 1, bodyZh: "过期的修改" })).rejects.toMatchObject({ code: "conflict" });
    expect((await db.serviceScript.findUniqueOrThrow({ where: { id: made.id } })).bodyZh).toBe("{customerName}，非常抱歉");
    await setScriptActive(admin, { id: made.id, version: 2, isActive: false });
    await expect(setScriptActive(admin, { id: made.id, version: 2, isActive: true })).rejects.toMatchObject({ code: "conflict" });
    expect(await auditCount({ actorId: admin.id })).toBe(audits + 3);
    const actions = await db.auditLog.findMany({
      where: { entity: "serviceScript", entityId: String(made.id) },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual(["serviceScript.created", "serviceScript.updated", "serviceScript.deactivated"]);
    // Deactivated: the category's apology is no longer this one.
    const [pick] = await chooseScripts(agent, { stages: ["APOLOGY"], complaintCategoryId: await categoryId("VAS") });
    expect(pick?.id ?? null).not.toBe(made.id);
    const listed = await listScripts(admin);
    expect(listed.find((s) => s.id === made.id)).toMatchObject({ isActive: false, version: 3, categoryNameZh: expect.any(String) });
    const targets = await listScriptTargets(admin);
    expect(targets.categories.length).toBeGreaterThan(5);
  });

  test("an unknown placeholder, a missing category or campaign, a campaign on another stage: field errors, nothing written", async () => {
    const before = await db.serviceScript.count();
    expect(await failure(createScript(admin, { ...valid, bodyEn: "Dear {name}" }))).toMatchObject({
      code: "validation",
      fields: { bodyEn: "scriptUnknownPlaceholder" },
    });
    await expect(createScript(admin, { ...valid, complaintCategoryId: 2_000_000_000 })).rejects.toMatchObject({
      code: "validation",
      fields: { complaintCategoryId: "invalidOption" },
    });
    await expect(createScript(admin, { ...valid, stage: "CAMPAIGN", campaignId: 2_000_000_000 })).rejects.toMatchObject({
      fields: { campaignId: "invalidOption" },
    });
    expect(await failure(createScript(admin, { ...valid, campaignId: 1 }))).toMatchObject({ fields: { campaignId: "scriptCampaignStageOnly" } });
    await expect(updateScript(admin, { ...valid, id: 2_000_000_000, version: 1 })).rejects.toMatchObject({ code: "notFound" });
    expect(await db.serviceScript.count()).toBe(before);
  });

  test.each([["agent"], ["supervisor"], ["manager"]])("a %s may not read or write the admin's list", async (who) => {
    const actor = { agent, supervisor, manager }[who as "agent"]!;
    const s = await createServiceScript({ stage: "CLOSING", sortOrder: 9000 });
    const audits = await auditCount();
    await expect(listScripts(actor)).rejects.toMatchObject({ code: "forbidden" });
    await expect(listScriptTargets(actor)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createScript(actor, valid)).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateScript(actor, { ...valid, id: s.id, version: 1 })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setScriptActive(actor, { id: s.id, version: 1, isActive: false })).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.serviceScript.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ version: 1, isActive: true });
    expect(await auditCount()).toBe(audits);
  });
});

describe("the side panel's suggestions", () => {
  test("the category's articles and the word matches, word matches first; logged as a panel search; the click and the vote", async () => {
    const cat = await createKbCategory();
    const catId = await categoryId("NUMBER_PORTING");
    const related = await createKbArticle({
      categoryId: cat.id,
      titleZh: "携号转网办理条件",
      titleEn: "Number porting conditions",
      complaintCategoryIds: [catId],
    });
    const byWord = await createKbArticle({
      categoryId: cat.id,
      titleZh: "携号转网被拒的常见原因",
      titleEn: "Why a port-out is refused",
      bodyZh: "<p>携号转网被告知不符合条件时……</p>",
      complaintCategoryIds: [catId],
    });
    const managersOnly = await createKbArticle({
      categoryId: cat.id,
      titleZh: "携号转网挽留口径（内部）",
      complaintCategoryIds: [catId],
      visibleTo: ["MANAGER"],
    });
    const draft = await createKbArticle({ categoryId: cat.id, titleZh: "携号转网草稿", complaintCategoryIds: [catId], status: "DRAFT" });

    const r = await suggestArticles(agent, { complaintCategoryId: catId, summary: "携号转网被拒" });
    const ids = r.hits.map((h) => h.id);
    expect(ids).toContain(related.id);
    expect(ids).toContain(byWord.id);
    expect(ids.indexOf(byWord.id)).toBeLessThan(ids.indexOf(related.id));
    expect(ids).not.toContain(managersOnly.id);
    expect(ids).not.toContain(draft.id);
    expect(r.searchId).not.toBeNull();
    const log = await db.kbSearchLog.findUniqueOrThrow({ where: { id: BigInt(r.searchId!) } });
    expect(log).toMatchObject({ userId: agent.id, source: "panel", normalized: "携号转网被拒" });

    await recordSearchClick(agent, { searchId: r.searchId!, articleId: related.id });
    expect((await db.kbSearchLog.findUniqueOrThrow({ where: { id: BigInt(r.searchId!) } })).clickedArticleId).toBe(related.id);
    // Someone else's search is not theirs to click.
    await recordSearchClick(otherAgent, { searchId: r.searchId!, articleId: byWord.id });
    expect((await db.kbSearchLog.findUniqueOrThrow({ where: { id: BigInt(r.searchId!) } })).clickedArticleId).toBe(related.id);

    expect(await rateArticle(agent, { articleId: related.id, helpful: true })).toEqual({ helpfulCount: 1, unhelpfulCount: 0 });
    expect(await rateArticle(agent, { articleId: related.id, helpful: false })).toEqual({ helpfulCount: 0, unhelpfulCount: 1 });
    expect(await rateArticle(otherAgent, { articleId: related.id, helpful: true })).toEqual({ helpfulCount: 1, unhelpfulCount: 1 });
    await expect(rateArticle(agent, { articleId: managersOnly.id, helpful: true })).rejects.toMatchObject({ code: "notFound" });

    const forManager = await suggestArticles(manager, { complaintCategoryId: catId, summary: "携号转网被拒" });
    expect(forManager.hits.map((h) => h.id)).toContain(managersOnly.id);
  });

  test("with no word match the category's articles still come (not logged twice)", async () => {
    const cat = await createKbCategory();
    const catId = await categoryId("PRODUCT_QUALITY");
    const a = await createKbArticle({ categoryId: cat.id, titleZh: "融合套餐权益到账时间", complaintCategoryIds: [catId] });
    const logs = await db.kbSearchLog.count({ where: { userId: agent.id } });
    const r = await suggestArticles(agent, { complaintCategoryId: catId, summary: "完全不相干的描述词语" });
    expect(r.hits.map((h) => h.id)).toContain(a.id);
    expect(await db.kbSearchLog.count({ where: { userId: agent.id } })).toBe(logs + 1);
  });

  test("a complaint's suggestions come from its category and summary, in the complaint scope", async () => {
    const cat = await createKbCategory();
    const catId = await categoryId("SERVICE_ATTITUDE");
    const a = await createKbArticle({ categoryId: cat.id, titleZh: "营业厅服务态度投诉处理口径", complaintCategoryIds: [catId] });
    const complaint = await createComplaint({ actor: agent, category: "SERVICE_ATTITUDE", summary: "营业厅工作人员态度差" });
    const r = await suggestArticlesForComplaint(agent, { complaintId: complaint.id });
    expect(r.hits.map((h) => h.id)).toContain(a.id);
    expect((await db.kbSearchLog.findUniqueOrThrow({ where: { id: BigInt(r.searchId!) } })).normalized).toBe("营业厅工作人员态度差");
    const logs = await db.kbSearchLog.count();
    await expect(suggestArticlesForComplaint(otherAgent, { complaintId: complaint.id })).rejects.toMatchObject({ code: "notFound" });
    expect(await db.kbSearchLog.count()).toBe(logs);
    await expect(suggestArticlesForComplaint(manager, { complaintId: complaint.id })).resolves.toMatchObject({ hits: expect.any(Array) });
  });

  test("renderScriptText keeps the placeholder's name where this page lacks the value", () => {
    expect(renderScriptText("{offerName}", {})).toBe("{offerName}");
  });
});
