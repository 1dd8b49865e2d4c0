// Segments on this file's own database: the churn model is trained and every customer scored first
// (as the nightly run does), so rule counts compare with hand-written SQL over the same rows.
import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import { actorFor, auditCount } from "./helpers";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { enqueueValueJob } from "@/lib/scoring/jobs";
import { compareSegments, countSegmentPreview, listSegmentMembers } from "@/lib/segments/queries";
import { createSegment, exportSegmentCsv, refreshSegment, saveClusterSegment, updateSegment } from "@/lib/segments/commands";
import { discoverClusters } from "@/lib/segments/discover";
import { compileSegmentIds } from "@/lib/segments/compile";
import type { Group } from "@/lib/segments/rules";
import { createCustomer } from "@/tests/factories/customers";
import { createSegment as createSegmentRow } from "@/tests/factories/segments";
import { tEn } from "@/tests/translator";

let manager: Actor;
let admin: Actor;
let agent: Actor;
let supervisor: Actor;

const rules = (combinator: "AND" | "OR", ...children: Group["children"]): Group => ({ kind: "group", combinator, children });
const cond = (field: string, op: string, value: unknown) => ({ kind: "condition" as const, field: field as never, op, value });

async function sqlCount(where: string, params: unknown[] = []) {
  const [r] = await db.$queryRawUnsafe<Array<{ n: number }>>(
    `SELECT count(*)::int AS n FROM customer c LEFT JOIN customer_score s ON s.customer_id = c.id WHERE ${where}`,
    ...params,
  );
  return r.n;
}

beforeAll(async () => {
  [manager, admin, agent, supervisor] = await Promise.all([actorFor("manager1"), actorFor("admin1"), actorFor("agent1"), actorFor("supervisor1")]);
  await (
    await enqueueValueJob(admin, "CHURN_TRAIN")
  ).done;
  await (
    await enqueueValueJob(admin, "RESCORE")
  ).done;
});

describe("rule compilation against the database", () => {
  test("tier AND city equals the hand-written SQL", async () => {
    const n = await countSegmentPreview(manager, rules("AND", cond("tier", "in", ["GOLD", "DIAMOND"]), cond("city", "eq", "杭州市")));
    expect(n).toBe(await sqlCount(`s.tier IN ('GOLD','DIAMOND') AND c.city = '杭州市'`));
    expect(n).toBeGreaterThan(0);
  });

  test("rules on scores alone are counted on customer_score and agree with the join", async () => {
    const cases: Array<[Group, string]> = [
      [rules("AND", cond("tier", "in", ["GOLD", "DIAMOND"])), `s.tier IN ('GOLD','DIAMOND')`],
      [
        rules("OR", cond("churnBand", "in", ["HIGH"]), rules("AND", cond("tier", "in", ["DIAMOND"]), cond("valueScore", "gte", 50))),
        `s.churn_band = 'HIGH' OR (s.tier = 'DIAMOND' AND s.score >= 50)`,
      ],
      [
        rules("AND", cond("lifecycleStage", "notIn", ["CHURNED"]), cond("arpu", "between", [50, 150])),
        `s.lifecycle_stage <> 'CHURNED' AND s.arpu BETWEEN 50 AND 150`,
      ],
    ];
    for (const [r, sql] of cases) {
      const n = await countSegmentPreview(manager, r);
      expect(n).toBe(await sqlCount(sql));
      expect(n).toBeGreaterThan(0);
    }
    // An empty AND group is TRUE: that one still counts every customer, scored or not.
    expect(await countSegmentPreview(manager, rules("OR", cond("tier", "in", ["GOLD"]), rules("AND")))).toBe(await db.customer.count());
  });

  test("rules on customer columns alone, and ORs across both tables (a union of branches), agree with the join", async () => {
    const cases: Array<[Group, string]> = [
      [rules("AND", cond("city", "eq", "杭州市"), cond("consentSms", "is", true)), `c.city = '杭州市' AND c.consent_sms`],
      [
        rules("OR", cond("churnBand", "in", ["HIGH"]), rules("AND", cond("city", "eq", "宁波市"), cond("tier", "in", ["DIAMOND"]))),
        `s.churn_band = 'HIGH' OR (c.city = '宁波市' AND s.tier = 'DIAMOND')`,
      ],
      [
        rules("OR", cond("tier", "in", ["GOLD"]), cond("complaints", "atLeast", { count: 1, days: 90 }), cond("customerType", "in", ["ENTERPRISE"])),
        `s.tier = 'GOLD' OR c.type = 'ENTERPRISE' OR (SELECT count(*) FROM complaint k WHERE k.customer_id = c.id
           AND k.status <> 'CANCELLED' AND k.created_at > now() - interval '90 days') >= 1`,
      ],
      // A negation on scores matches no unscored customer, in a branch or in the join.
      [rules("OR", cond("tier", "notIn", ["STANDARD"]), cond("city", "eq", "温州市")), `(s.tier IS NOT NULL AND s.tier <> 'STANDARD') OR c.city = '温州市'`],
    ];
    for (const [r, sql] of cases) {
      const n = await countSegmentPreview(manager, r);
      expect(n).toBe(await sqlCount(sql));
      expect(n).toBeGreaterThan(0);
    }
    // The materialised members are the same customers as the join's.
    const r = cases[1][0];
    const ids = await db.$queryRaw<Array<{ id: number }>>(compileSegmentIds(r, new Date()));
    const joined = await db.$queryRawUnsafe<Array<{ id: number }>>(
      `SELECT c.id FROM customer c LEFT JOIN customer_score s ON s.customer_id = c.id WHERE ${cases[1][1]} ORDER BY c.id`,
    );
    expect(ids.map((x) => x.id).sort((a, b) => a - b)).toEqual(joined.map((x) => x.id));
  });

  test("nested OR group, usage drop and complaints in N days", async () => {
    const r = rules(
      "AND",
      cond("dataUsageChange", "lte", -30),
      rules("OR", cond("complaints", "atLeast", { count: 1, days: 90 }), cond("churnBand", "in", ["HIGH"])),
    );
    const n = await countSegmentPreview(manager, r);
    const expected = await sqlCount(`s.data_change_pct <= -30 AND (
    (SELECT count(*) FROM complaint k WHERE k.customer_id = c.id AND k.status <> 'CANCELLED' AND k.created_at > now() - interval '90 days') >= 1
    OR s.churn_band = 'HIGH')`);
    expect(n).toBe(expected);
    expect(n).toBeGreaterThan(0);
  });

  test("plan and network match any active line; between; booleans; notIn", async () => {
    const n = await countSegmentPreview(
      manager,
      rules(
        "AND",
        cond("network", "in", ["G5"]),
        cond("tenureMonths", "between", [12, 60]),
        cond("consentSms", "is", true),
        cond("customerType", "notIn", ["ENTERPRISE"]),
      ),
    );
    const expected = await sqlCount(`EXISTS (SELECT 1 FROM line l WHERE l.customer_id = c.id AND l.status <> 'TERMINATED' AND l.network = 'G5')
    AND s.tenure_months BETWEEN 12 AND 60 AND c.consent_sms AND c.type <> 'ENTERPRISE'`);
    expect(n).toBe(expected);
  });

  test("hostile values are data, not SQL", async () => {
    const before = await db.customer.count();
    expect(await countSegmentPreview(manager, rules("AND", cond("city", "eq", "杭州市' OR '1'='1")))).toBe(0);
    expect(await countSegmentPreview(manager, rules("AND", cond("rfmCode", "startsWith", "%")))).toBe(0);
    expect(await countSegmentPreview(manager, rules("AND", cond("city", "in", ["x'); DROP TABLE customer; --"])))).toBe(0);
    expect(await db.customer.count()).toBe(before);
  });

  test("rules outside the catalogue never reach SQL", async () => {
    await expect(countSegmentPreview(manager, rules("AND", cond("name; DROP TABLE customer", "eq", "x")))).rejects.toBeInstanceOf(ValidationError);
    await expect(countSegmentPreview(manager, rules("AND", cond("city", "gt", "x")))).rejects.toBeInstanceOf(ValidationError);
    await expect(countSegmentPreview(manager, { kind: "group", combinator: "AND; DELETE", children: [] })).rejects.toBeInstanceOf(ValidationError);
  });

  test("the live count is fast on the demo base", async () => {
    const t0 = performance.now();
    await countSegmentPreview(
      manager,
      rules(
        "AND",
        cond("tier", "in", ["GOLD"]),
        cond("city", "eq", "杭州市"),
        cond("dataUsageChange", "lte", -30),
        cond("complaints", "atLeast", { count: 1, days: 90 }),
      ),
    );
    expect(performance.now() - t0).toBeLessThan(300);
  });
});

describe("saved segments", () => {
  test("edit: rules, name and description change against the version read; members follow; audited", async () => {
    const before = rules("AND", cond("tier", "in", ["GOLD"]));
    const s = await createSegment(manager, { name: "金卡客户", kind: "DYNAMIC", rules: before });
    const after = rules("AND", cond("tier", "in", ["GOLD", "DIAMOND"]));
    const audits = await auditCount({ action: "segment.updated" });
    const r = await updateSegment(manager, { id: s.id, version: 1, name: "金卡和钻石卡", description: "高价值", rules: after });
    expect(r.version).toBe(2);
    expect(r.size).toBe(await countSegmentPreview(manager, after));
    expect(r.size).toBeGreaterThan(s.size);
    expect(await db.segmentMember.count({ where: { segmentId: s.id } })).toBe(r.size);
    const row = await db.segment.findUniqueOrThrow({ where: { id: s.id } });
    expect([row.name, row.description, row.version, row.size]).toEqual(["金卡和钻石卡", "高价值", 2, r.size]);
    expect(row.definition).toEqual(after);
    expect(await auditCount({ action: "segment.updated" })).toBe(audits + 1);

    // The version read before the edit is stale: nothing changes, no audit row.
    await expect(updateSegment(manager, { id: s.id, version: 1, name: "覆盖", rules: before })).rejects.toBeInstanceOf(ConflictError);
    // Bad input: a field-level error, nothing changes.
    await expect(updateSegment(manager, { id: s.id, version: 2, name: "", rules: after })).rejects.toBeInstanceOf(ValidationError);
    await expect(updateSegment(manager, { id: s.id, version: 2, name: "x", rules: rules("AND", cond("tier", "in", ["NOPE"])) })).rejects.toBeInstanceOf(
      ValidationError,
    );
    // Who may not: agents and supervisors; an unknown segment is not found.
    await expect(updateSegment(agent, { id: s.id, version: 2, name: "x", rules: after })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateSegment(supervisor, { id: s.id, version: 2, name: "x", rules: after })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateSegment(manager, { id: 999_999, version: 1, name: "x", rules: after })).rejects.toBeInstanceOf(NotFoundError);
    const unchanged = await db.segment.findUniqueOrThrow({ where: { id: s.id } });
    expect([unchanged.name, unchanged.version]).toEqual(["金卡和钻石卡", 2]);
    expect(await auditCount({ action: "segment.updated" })).toBe(audits + 1);
  });

  test("dynamic segment: materialised membership, refresh keeps size history, audited", async () => {
    const def = rules("AND", cond("churnBand", "in", ["HIGH", "MEDIUM"]));
    const audits = await auditCount({ action: "segment.created" });
    const s = await createSegment(manager, { name: "中高风险", kind: "DYNAMIC", rules: def });
    expect(s.size).toBe(await countSegmentPreview(manager, def));
    expect(await db.segmentMember.count({ where: { segmentId: s.id } })).toBe(s.size);
    expect(await auditCount({ action: "segment.created" })).toBe(audits + 1);
    const r = await refreshSegment(manager, s.id);
    expect(r.size).toBe(s.size);
    expect(await db.segmentSizeHistory.count({ where: { segmentId: s.id } })).toBe(2);
    const page = await listSegmentMembers(manager, s.id, { limit: 10 });
    expect(page.members.length).toBe(Math.min(10, s.size));
    expect(page.members.every((m) => !/^1\d{10}$/.test(m.msisdnMasked))).toBe(true);
    if (page.nextAfterId) {
      const next = await listSegmentMembers(manager, s.id, { limit: 10, afterId: page.nextAfterId });
      expect(next.members[0].id).toBeGreaterThan(page.nextAfterId);
    }
  });

  test("static segments are not refreshed; overlap of two segments", async () => {
    const a = await createSegment(manager, { name: "金卡", kind: "STATIC", rules: rules("AND", cond("tier", "in", ["GOLD"])) });
    const b = await createSegment(manager, { name: "杭州", kind: "DYNAMIC", rules: rules("AND", cond("city", "eq", "杭州市")) });
    await expect(refreshSegment(manager, a.id)).rejects.toBeInstanceOf(ValidationError);
    const o = await compareSegments(manager, a.id, b.id);
    expect(o.both).toBe(await sqlCount(`s.tier = 'GOLD' AND c.city = '杭州市'`));
    expect(o.onlyA + o.both).toBe(a.size);
    expect(o.onlyB + o.both).toBe(b.size);
  });

  test("export: masked, formula-safe, audited", async () => {
    await createCustomer({ type: "ENTERPRISE", name: '=HYPERLINK("http://x")', city: "@evil" });
    const s = await createSegment(manager, { name: "evil", kind: "STATIC", rules: rules("AND", cond("city", "eq", "@evil")) });
    expect(s.size).toBe(1);
    const audits = await auditCount({ action: "segment.exported" });
    const { csv, rows } = await exportSegmentCsv(manager, s.id, tEn, "en");
    expect(rows).toBe(1);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain(`"'@evil"`);
    expect(await auditCount({ action: "segment.exported" })).toBe(audits + 1);
  });

  test("discover: k clusters with descriptions; one saved as a static segment", async () => {
    const d = await discoverClusters(manager, { k: 3 });
    expect(d.k).toBe(3);
    expect(d.clusters.reduce((s, c) => s + c.size, 0)).toBe(d.sampleSize);
    expect(d.clusters.some((c) => c.traits.length > 0)).toBe(true);
    const saved = await saveClusterSegment(manager, {
      name: "聚类一",
      k: d.k,
      cluster: 0,
      centroids: d.centroids,
      mean: d.mean,
      std: d.std.map((x) => (x > 0 ? x : 1)),
    });
    expect(saved.size).toBeGreaterThan(0);
    const seg = await db.segment.findUniqueOrThrow({ where: { id: saved.id } });
    expect(seg.kind).toBe("STATIC");
  });
});

describe("who may not", () => {
  test("agents and supervisors cannot build, count, export or list segments", async () => {
    const saved = await createSegmentRow();
    const segs = await db.segment.count();
    const audits = await auditCount({ actorId: supervisor.id });
    const def = rules("AND", cond("tier", "in", ["GOLD"]));
    await expect(countSegmentPreview(agent, def)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createSegment(supervisor, { name: "x", kind: "DYNAMIC", rules: def })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(discoverClusters(agent, { k: 3 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(exportSegmentCsv(supervisor, saved.id, tEn, "en")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(enqueueValueJob(supervisor, "SEGMENT_REFRESH")).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.segment.count()).toBe(segs);
    expect(await auditCount({ actorId: supervisor.id })).toBe(audits);
  });

  test("unknown segments are not found", async () => {
    await expect(refreshSegment(manager, 999_999)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listSegmentMembers(manager, 999_999)).rejects.toBeInstanceOf(NotFoundError);
    await expect(exportSegmentCsv(manager, 999_999, tEn, "en")).rejects.toBeInstanceOf(NotFoundError);
  });

  test("the refresh job refreshes every dynamic segment", async () => {
    const { done, job } = await enqueueValueJob(manager, "SEGMENT_REFRESH");
    await done;
    const row = await db.valueJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.status).toBe("SUCCEEDED");
    expect((row.stats as { segments: number }).segments).toBe(await db.segment.count({ where: { kind: "DYNAMIC" } }));
  });
});
