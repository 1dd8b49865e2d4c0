// Issue #20 "the call in ten actions": from the workspace, with the caller's last four digits, to a
// logged complaint with its clocks running. Every click, key press and filled field is counted
// (`act`): at most 10 on the path a new agent takes (visible buttons), at most 6 with shortcuts.
// In both languages.
import { test, expect, type Page } from "@playwright/test";
import { login, sql } from "./helpers";

const L = {
  en: {
    search: "Find the caller",
    logInteraction: "Log interaction",
    reason: "Reason",
    reasonLabel: "Bill dispute",
    outcome: "Outcome",
    complaintOpened: "Complaint opened",
    saveAndOpen: "Save and open complaint",
    category: "Category",
    categoryLabel: "Billing / Overcharge",
    summary: "Summary",
    submit: "Open complaint",
    acknowledged: "Acknowledged",
    firstResponse: "First response",
    inProgress: "In progress",
    resolved: "Resolved",
    resolveTitle: "Resolve the complaint",
    resolve: "Resolve",
    note: "Resolution note",
    rootCause: "Root cause",
    noteRequired: "Say what was done to resolve it.",
    causeRequired: "Choose the root cause.",
    cause: "Billing system error",
  },
  "zh-CN": {
    search: "查找来电客户",
    logInteraction: "记录接触",
    reason: "原因",
    reasonLabel: "话费争议",
    outcome: "处理结果",
    complaintOpened: "已立投诉单",
    saveAndOpen: "保存并受理投诉",
    category: "类别",
    categoryLabel: "话费账单 / 多扣费",
    summary: "摘要",
    submit: "受理投诉",
    acknowledged: "已受理",
    firstResponse: "首次响应",
    inProgress: "处理中",
    resolved: "已解决",
    resolveTitle: "解决投诉",
    resolve: "解决",
    note: "解决说明",
    rootCause: "根因",
    noteRequired: "请说明解决的处理内容。",
    causeRequired: "请选择根因。",
    cause: "计费系统差错",
  },
} as const;

/** A mobile caller whose last four digits are unique in the base (one hit), and who has no complaint yet; `skip` picks another. */
async function caller(skip: number) {
  const [row] = await sql<{ id: number; name: string; msisdn: string; frag: string; line_id: number }>(
    `SELECT c.id, c.name, l.msisdn, right(l.msisdn, 4) AS frag, l.id AS line_id
     FROM line l JOIN customer c ON c.id = l.customer_id
     WHERE l.network IN ('G4','G5') AND l.status = 'ACTIVE'
       AND (SELECT count(*) FROM line l2 WHERE l2.msisdn LIKE '%' || right(l.msisdn, 4) || '%') = 1
       AND NOT EXISTS (SELECT 1 FROM complaint k WHERE k.customer_id = c.id AND k.summary LIKE 'E2E call%')
     ORDER BY l.id DESC OFFSET $1 LIMIT 1`,
    [skip],
  );
  return row;
}

/** Counts the person's actions: each call is one click, one key (or chord) or one filled field. */
function counter() {
  let n = 0;
  return {
    act: async (what: () => Promise<unknown>) => {
      n++;
      await what();
    },
    get count() {
      return n;
    },
  };
}

/** The complaint just opened: its clocks run (acknowledged, not paused, the first response due) and it is linked to the contact both ways. */
async function expectLoggedWithClocks(page: Page, lang: keyof typeof L, customerId: number, lineId: number) {
  await expect(page).toHaveURL(/\/complaints\/\d+$/);
  const id = Number(page.url().split("/").at(-1));
  await expect(page.getByTestId("complaint-status")).toHaveText(L[lang].acknowledged);
  await expect(page.getByRole("listitem", { name: L[lang].firstResponse })).toBeVisible();
  const [c] = await sql<{
    customer_id: number;
    line_id: number | null;
    channel: string;
    code: string;
    is_sla_paused: boolean;
    first_response_due_at: Date | null;
    back: number | null;
  }>(
    `SELECT k.customer_id, k.line_id, k.channel::text AS channel, cc.code, k.is_sla_paused, k.first_response_due_at,
            (SELECT i.complaint_id FROM interaction i WHERE i.id = k.source_interaction_id) AS back
     FROM complaint k JOIN complaint_category cc ON cc.id = k.category_id WHERE k.id = $1`,
    [id],
  );
  expect(c).toMatchObject({ customer_id: customerId, line_id: lineId, channel: "HOTLINE", code: "BILLING_OVERCHARGE", is_sla_paused: false, back: id });
  expect(c.first_response_due_at).not.toBeNull();
  return id;
}

for (const [i, lang] of (["en", "zh-CN"] as const).entries()) {
  test.describe(`the call in ten actions (${lang})`, () => {
    test.use({ locale: lang === "en" ? "en-US" : "zh-CN" });

    test("a new agent's path, visible buttons only: at most 10 actions", async ({ page }) => {
      test.setTimeout(180_000); // a whole call, with two page loads and two saves, on a shared machine
      const who = await caller(i * 2);
      const t = L[lang];
      await login(page, "agent1");
      await page.goto("/workspace");
      const box = page.getByRole("combobox", { name: t.search });
      await expect(box).toBeFocused(); // focused on load: no click to get there
      const { act, ...n } = counter();

      await act(() => box.fill(who.frag));
      const hit = page.getByRole("listbox").getByRole("option");
      await expect(hit).toHaveCount(1);
      await act(() => hit.click());
      await expect(page).toHaveURL(new RegExp(`/customers/${who.id}\\?via=`));
      await act(() => page.getByRole("button", { name: new RegExp(`^${t.logInteraction}`) }).click());
      const dialog = page.getByRole("dialog", { name: t.logInteraction });
      await act(() => dialog.getByLabel(t.reason).selectOption({ label: t.reasonLabel }));
      await act(() => dialog.getByLabel(t.outcome).selectOption({ label: t.complaintOpened }));
      await act(() => dialog.getByRole("button", { name: new RegExp(`^${t.saveAndOpen}`) }).click());

      // The intake, prefilled from the contact: the reason's category (a leaf), the caller's line.
      await expect(page).toHaveURL(/\/complaints\/new\?customerId=\d+&interaction=\d+$/);
      await expect(page.getByRole("combobox", { name: t.category })).toHaveText(new RegExp(t.categoryLabel));
      await act(() => page.getByLabel(t.summary).fill("E2E call: charged twice this month"));
      await act(() => page.getByRole("button", { name: new RegExp(`^${t.submit}`) }).click());

      await expectLoggedWithClocks(page, lang, who.id, who.line_id);
      expect(n.count).toBeLessThanOrEqual(10);
      test.info().annotations.push({ type: "actions", description: `visible buttons (${lang}): ${n.count}` });
    });

    test("with shortcuts: at most 6 actions", async ({ page }) => {
      test.setTimeout(180_000);
      const who = await caller(i * 2 + 1);
      const t = L[lang];
      await login(page, "agent1");
      await page.goto("/workspace");
      await expect(page.getByRole("combobox", { name: t.search })).toBeFocused();
      const { act, ...n } = counter();

      await act(() => page.keyboard.type(who.frag)); // one field, typed straight into the focused box
      await expect(page.getByRole("listbox").getByRole("option")).toHaveCount(1);
      await act(() => page.keyboard.press("Enter")); // a single hit opens on Enter
      await expect(page).toHaveURL(new RegExp(`/customers/${who.id}\\?via=`));
      await page.waitForLoadState("networkidle"); // the page's shortcuts are live once it has hydrated
      await act(() => page.keyboard.press("c")); // C: log a contact whose outcome is "complaint opened"
      const dialog = page.getByRole("dialog", { name: t.logInteraction });
      await expect(dialog.getByLabel(t.reason)).toBeFocused();
      await expect(dialog.getByLabel(t.outcome)).toHaveValue("COMPLAINT_OPENED");
      await act(() => dialog.getByLabel(t.reason).selectOption({ label: t.reasonLabel }));
      await act(() => page.keyboard.press("Control+Enter"));

      await expect(page).toHaveURL(/\/complaints\/new\?customerId=\d+&interaction=\d+$/);
      await expect(page.getByLabel(t.summary)).toBeFocused();
      await expect(page.getByLabel(t.summary)).toHaveValue(t.reasonLabel);
      await act(() => page.keyboard.press("Control+Enter"));

      await expectLoggedWithClocks(page, lang, who.id, who.line_id);
      expect(n.count).toBeLessThanOrEqual(6);
      test.info().annotations.push({ type: "actions", description: `shortcuts (${lang}): ${n.count}` });
    });
  });
}

for (const lang of ["en", "zh-CN"] as const) {
  test.describe(`working the complaint from the keyboard (${lang})`, () => {
    test.use({ locale: lang === "en" ? "en-US" : "zh-CN" });

    test("the next step is the primary button; S starts, R resolves only with a note and a root cause", async ({ page }) => {
      test.setTimeout(180_000);
      const t = L[lang];
      const [c] = await sql<{ id: number }>(
        `SELECT k.id FROM complaint k JOIN complaint_category cc ON cc.id = k.category_id JOIN app_user u ON u.id = k.owner_id
         WHERE u.username = 'agent1' AND k.status = 'ACKNOWLEDGED' AND cc.code LIKE 'BILLING%' ORDER BY k.id DESC LIMIT 1`,
      );
      expect(c, "needs an acknowledged Billing complaint of agent1 (the call tests open them)").toBeTruthy();
      await login(page, "agent1");
      await page.goto(`/complaints/${c.id}`);
      await page.waitForLoadState("networkidle");
      await page.keyboard.press("s");
      await expect(page.getByTestId("complaint-status")).toHaveText(t.inProgress);
      await page.waitForLoadState("networkidle");
      await page.keyboard.press("r");
      const dialog = page.getByRole("dialog", { name: t.resolveTitle });
      await expect(dialog.getByLabel(t.note)).toBeFocused();
      // Nothing given: both field errors, and the complaint stays in progress.
      await page.keyboard.press("Control+Enter");
      await expect(dialog.getByText(t.noteRequired)).toBeVisible();
      await expect(dialog.getByText(t.causeRequired)).toBeVisible();
      await expect(page.getByTestId("complaint-status")).toHaveText(t.inProgress);
      await dialog.getByLabel(t.note).fill("E2E: refunded the double charge");
      await dialog.getByRole("combobox", { name: t.rootCause }).click();
      await page.keyboard.type(t.cause);
      await page.keyboard.press("Enter");
      await dialog.getByRole("button", { name: new RegExp(`^${t.resolve}`) }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByTestId("complaint-status")).toHaveText(t.resolved);
      await expect(page.getByRole("region", { name: lang === "en" ? "Details" : "详细描述" })).toContainText(t.cause);
    });
  });
}
