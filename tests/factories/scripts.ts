// Single standard scripts and knowledge articles for tests (issue 24). Articles are made directly
// (PUBLISHED, in a category of their own): the knowledge base's pages are another feature's.
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { uniqueNumber } from "@/tests/factories/db";

export async function createServiceScript(overrides: Partial<Prisma.ServiceScriptUncheckedCreateInput> = {}) {
  const n = uniqueNumber();
  return db.serviceScript.create({
    data: {
      stage: "GREETING",
      nameZh: `测试话术${n}`,
      nameEn: `Test script ${n}`,
      bodyZh: "您好，{customerName}。",
      bodyEn: "Hello, {customerName}.",
      ...overrides,
    },
  });
}

export async function createKbCategory(overrides: Partial<Prisma.KbCategoryUncheckedCreateInput> = {}) {
  const n = uniqueNumber();
  return db.kbCategory.create({ data: { code: `T_${n}`, nameZh: `测试分类${n}`, nameEn: `Test category ${n}`, ...overrides } });
}

/** A published article (visible to every role unless `visibleTo` says otherwise). */
export async function createKbArticle(overrides: Partial<Prisma.KbArticleUncheckedCreateInput> = {}) {
  const admin = await db.user.findUniqueOrThrow({ where: { username: "admin1" }, select: { id: true } });
  const categoryId = overrides.categoryId ?? (await createKbCategory()).id;
  const n = uniqueNumber();
  return db.kbArticle.create({
    data: {
      categoryId,
      titleZh: `测试文章${n}`,
      titleEn: `Test article ${n}`,
      bodyZh: "<p>正文</p>",
      bodyEn: "<p>Body</p>",
      status: "PUBLISHED",
      ownerId: admin.id,
      createdById: admin.id,
      ...overrides,
    },
  });
}
