// Issue 19, finding 15: a page the role may not open answers a real 403 page, a missing or
// out-of-scope record a 404 — not the error boundary's "service temporarily unavailable".
// - page() (lib/shared/page.ts) turns lib's ForbiddenError / NotFoundError into forbidden() /
//   notFound() (Next renders app/forbidden.tsx / app/not-found.tsx with status 403 / 404);
// - every page that shows data is written on page(), read from the source here;
// - tests/e2e/pages-matrix.spec.ts requests every page as every role over HTTP and checks the status.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { ForbiddenError, NotFoundError, UnauthenticatedError, ConflictError } from "@/lib/shared/errors";
import { page, pageInterrupt } from "@/lib/shared/page";
import { ROOT, sourceFiles } from "../integration/security/registry";
import nextConfig from "@/next.config";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";

// `next build` sets this from experimental.authInterrupts (asserted below); outside a build it is unset.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

/** Pages that do not use page(), each with the reason. Keep this short. */
const PAGE_EXCEPTIONS: Record<string, string> = {
  "app/login/page.tsx": "the public sign-in page: it calls no lib function that refuses (getActor only)",
};

const digestOf = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (e) {
    return (e as { digest?: string }).digest ?? (e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  }
  return "returned";
};

describe("page(): lib refusals become HTTP pages", () => {
  test.each([
    ["a ForbiddenError (role without the permission)", new ForbiddenError("admin:users"), "NEXT_HTTP_ERROR_FALLBACK;403"],
    ["a NotFoundError (missing or out-of-scope record)", new NotFoundError("complaint"), "NEXT_HTTP_ERROR_FALLBACK;404"],
    ["an UnauthenticatedError", new UnauthenticatedError(), "NEXT_REDIRECT;replace;/login;307;"],
  ])("%s thrown while rendering answers %s", async (_, error, digest) => {
    const Page = page(async () => {
      throw error;
    });
    expect(await digestOf(() => Page({}))).toBe(digest);
  });

  test("any other error is rethrown untouched, for app/error.tsx and the log", async () => {
    const boom = new Error("db down");
    expect(pageInterrupt(boom)).toBe(boom);
    expect(await digestOf(() => page(async () => Promise.reject(new ConflictError()))({}))).toBe("ConflictError: stale version");
  });

  test("a page that renders returns its content", async () => {
    expect(await page(async ({ n }: { n: number }) => n * 2)({ n: 21 })).toBe(42);
  });

  test("forbidden() is enabled (experimental.authInterrupts) and the 403 page is translated", () => {
    expect(nextConfig.experimental?.authInterrupts).toBe(true);
    expect(fs.existsSync(path.join(ROOT, "app/forbidden.tsx"))).toBe(true);
    for (const m of [en, zh]) {
      expect(m.errors.pageForbidden).toBeTruthy();
      expect(m.errors.goHome).toBeTruthy();
    }
    expect(en.errors.pageForbidden).not.toBe(zh.errors.pageForbidden);
  });
});

describe("every page is written on page()", () => {
  const pages = sourceFiles().filter((f) => /^app\/(.*\/)?page\.tsx$/.test(f));

  test("the scan finds the pages", () => {
    expect(pages).toContain("app/(app)/admin/page.tsx");
    expect(pages.length).toBeGreaterThan(30);
  });

  test("export default page(…) in each page.tsx (lib refusals answer 403/404, not the error boundary)", () => {
    const bare = pages.filter((f) => !(f in PAGE_EXCEPTIONS) && !/^export default page\(/m.test(fs.readFileSync(path.join(ROOT, f), "utf8")));
    expect(
      bare,
      `Write these pages as \`export default page(async function XPage(props) { … })\` (lib/shared/page.ts), so a ForbiddenError answers 403 and a NotFoundError 404:\n  ${bare.join("\n  ")}\n`,
    ).toEqual([]);
  });

  test("no page maps a role check to 404 by hand: a role without the permission gets 403", () => {
    const found = pages.flatMap((f) =>
      fs
        .readFileSync(path.join(ROOT, f), "utf8")
        .split("\n")
        .flatMap((l, i) => (/if \(!\w*[cC]an\w*\(actor, "[^"]+"\)\) notFound\(\)/.test(l) ? [`${f}:${i + 1}`] : [])),
    );
    expect(found, "use forbidden() (or let lib's ForbiddenError reach page())").toEqual([]);
  });

  test("every page exception names a page that exists", () => {
    expect(Object.keys(PAGE_EXCEPTIONS).filter((f) => !pages.includes(f))).toEqual([]);
  });
});
