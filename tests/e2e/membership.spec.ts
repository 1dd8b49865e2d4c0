// Issue 23, "done means" (docs/membership.md): an admin edits the grade ladder and runs the
// re-grading; agent1 sees a Gold member's grade on the 360 and their account ledger (no Reverse);
// manager1 reverses a credit on it with a reason, and the story shows the reversal. Both languages;
// each run posts its own credit (the ledger's posting statement, as lib/accounts/ledger.ts writes it).
import { test, expect, type Page } from "@playwright/test";
import { login, sql } from "./helpers";

const TEXT = {
  en: {
    title: "Member grades",
    gold: "Gold member",
    birthday: "Birthday points",
    save: "Save Gold member",
    saved: "Gold member saved.",
    runNow: "Run now",
    ledger: "Account ledger",
    reverse: "Reverse",
    reason: "Reason",
    confirm: "Post the reversal",
    done: "Reversal posted.",
    reversed: "(reversed)",
    story: "Customer story",
    accountChip: "Account credits",
    reversal: "Reversal",
  },
  "zh-CN": {
    title: "会员等级",
    gold: "金卡会员",
    birthday: "生日积分",
    save: "保存金卡会员",
    saved: "金卡会员已保存。",
    runNow: "立即运行",
    ledger: "账户流水",
    reverse: "冲正",
    reason: "原因",
    confirm: "记入冲正",
    done: "已冲正。",
    reversed: "（已冲正）",
    story: "客户历程",
    accountChip: "账户变动",
    reversal: "冲正",
  },
} as const;

async function inLocale(page: Page, locale: string, baseURL: string) {
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL }]);
}

for (const locale of ["en", "zh-CN"] as const) {
  const x = TEXT[locale];

  test(`membership (${locale}): admin1 edits the Gold grade and runs the re-grading`, async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    await inLocale(page, locale, baseURL!);
    await login(page, "admin1");
    await page.goto("/admin/membership");
    await expect(page.getByRole("heading", { level: 1, name: x.title })).toBeVisible();
    const gold = page.getByRole("form", { name: x.gold });
    const points = 300 + (locale === "en" ? 10 : 20);
    await gold.getByLabel(x.birthday).fill(String(points));
    await gold.getByRole("button", { name: x.save }).click();
    await expect(page.getByText(x.saved).first()).toBeVisible();
    const [def] = await sql<{ birthday_points: number }>(`SELECT birthday_points FROM member_grade_def WHERE grade = 'GOLD'`);
    expect(def.birthday_points).toBe(points);
    // This month's job row is reused: wait for a run that finished after the click, then for the page to say so.
    const clicked = new Date();
    await page.getByRole("button", { name: x.runNow }).click();
    await expect
      .poll(
        async () =>
          (await sql<{ ok: boolean }>(`SELECT bool_or(status = 'SUCCEEDED' AND finished_at >= $1) AS ok FROM loyalty_job WHERE kind = 'GRADE'`, [clicked]))[0]
            .ok,
        { timeout: 60_000 },
      )
      .toBe(true);
    await expect(page.getByTestId("grading-job")).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 15_000 });
    await expect(page.getByRole("button", { name: x.runNow })).toBeEnabled();
    if (process.env.SHOTS) await page.screenshot({ path: `test-results/membership-admin-${locale}.png`, fullPage: true });
  });

  test(`membership (${locale}): agent1 sees a Gold member's grade and ledger; manager1 reverses a credit`, async ({ page, baseURL, browser }) => {
    test.setTimeout(120_000);
    const [member] = await sql<{ id: number; account_id: number }>(
      `SELECT m.customer_id AS id, (SELECT min(a.id) FROM account a WHERE a.customer_id = m.customer_id) AS account_id
       FROM customer_membership m JOIN customer c ON c.id = m.customer_id
       WHERE m.grade = 'GOLD' AND m.grace_until IS NULL AND c.status = 'ACTIVE' AND EXISTS (SELECT 1 FROM account a WHERE a.customer_id = c.id)
       ORDER BY m.customer_id DESC LIMIT 1 OFFSET $1`,
      [locale === "en" ? 0 : 1],
    );
    const ref = `e2e:${locale}:${Date.now()}`;
    const [entry] = await sql<{ id: string }>(
      `WITH upd AS (UPDATE account SET balance = balance + 8.80 WHERE id = $1 RETURNING id, balance)
       INSERT INTO account_entry (account_id, kind, amount, balance_after, ref, reason)
       SELECT upd.id, 'COMPENSATION_CREDIT', 8.80, upd.balance, $2, 'e2e credit' FROM upd RETURNING id::text`,
      [member.account_id, ref],
    );

    await inLocale(page, locale, baseURL!);
    await login(page, "agent1");
    await page.goto(`/customers/${member.id}`);
    await expect(page.getByTestId("member-grade")).toContainText(x.gold);
    const ledger = page.getByRole("region", { name: x.ledger });
    await expect(ledger).toBeVisible();
    await expect(ledger.getByRole("button", { name: new RegExp(x.reverse) })).toHaveCount(0);

    const context = await browser.newContext({ locale: locale === "en" ? "en-US" : "zh-CN" });
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    const manager = await context.newPage();
    await login(manager, "manager1");
    await manager.goto(`/customers/${member.id}`);
    const panel = manager.getByRole("region", { name: x.ledger });
    await panel
      .getByRole("button", { name: new RegExp(`${x.reverse}.*8[.,]80`) })
      .first()
      .click();
    const dialog = manager.getByRole("dialog");
    await dialog.getByLabel(x.reason).fill("e2e: posted twice");
    await dialog.getByRole("button", { name: x.confirm }).click();
    await expect(manager.getByText(x.done).first()).toBeVisible();
    await expect(panel.getByText(x.reversed).first()).toBeVisible();
    const [rev] = await sql<{ amount: string; reason: string }>(`SELECT amount::text, reason FROM account_entry WHERE reverses_id = $1`, [entry.id]);
    expect(rev).toEqual({ amount: "-8.80", reason: "e2e: posted twice" });
    // The story's account chip: the reversal first.
    const story = manager.getByRole("region", { name: x.story });
    await story.getByRole("link", { name: x.accountChip }).click();
    await expect(story.getByRole("listitem").first()).toContainText(x.reversal);
    if (process.env.SHOTS) await manager.screenshot({ path: `test-results/membership-360-${locale}.png`, fullPage: true });
    await context.close();
  });
}
