import { test, expect, type Browser } from "@playwright/test";
import { login, sql } from "./helpers";
import fs from "node:fs";

type Catalogue = { complaints: { status: Record<string, string> } };
const en = JSON.parse(fs.readFileSync("messages/en.json", "utf8")) as Catalogue;
const zh = JSON.parse(fs.readFileSync("messages/zh-CN.json", "utf8")) as Catalogue;

// The 360's story timeline (contacts, complaint steps, results, answers, messages), its kind
// filter and keyset pages, the customer's segments and the complaints panel's open count.

const ANSWERED = `('RESOLVED','CLOSED','REJECTED','CANCELLED')`;

/**
 * A customer with a complaint of agent1's team (one that is resolved when the seed has one: the
 * panel must not count it open), 16 extra messages (more than a page) and a segment.
 */
async function storyCustomer(tag: string) {
  const [x] = await sql<{ id: number; no: string; complaint: number; team: number; last: string; steps: number }>(
    `SELECT c.customer_id AS id, c.complaint_no AS no, c.id AS complaint, c.team_id AS team,
            (SELECT s.to_status::text FROM complaint_status_change s WHERE s.complaint_id = c.id ORDER BY s.at DESC, s.id DESC LIMIT 1) AS last,
            (SELECT count(*)::int FROM complaint_status_change s WHERE s.complaint_id = c.id) AS steps
     FROM complaint c WHERE c.team_id = (SELECT team_id FROM app_user WHERE username = 'agent1')
     ORDER BY (c.status = 'RESOLVED') DESC, (SELECT count(*) FROM complaint_status_change s WHERE s.complaint_id = c.id) DESC, c.id LIMIT 1`,
  );
  expect(x, "the demo seed gives agent1's team a complaint").toBeTruthy();
  await sql(
    `INSERT INTO outbound_message (customer_id, channel, recipient, locale, purpose, body, created_at)
     SELECT $1, 'SMS', '139****' || lpad(g::text, 4, '0'), 'en', 'survey.campaign', $2 || ' ' || g, now() - make_interval(secs => g) FROM generate_series(1, 16) g`,
    [x!.id, `e2e-story-${tag}`],
  );
  const [seg] = await sql<{ id: number }>(`INSERT INTO segment (name, kind, updated_at) VALUES ($1, 'STATIC', now()) RETURNING id`, [`E2E story ${tag}`]);
  await sql(`INSERT INTO segment_member (segment_id, customer_id) VALUES ($1, $2)`, [seg!.id, x!.id]);
  const [{ n }] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM complaint c WHERE c.customer_id = $1 AND c.status NOT IN ${ANSWERED}
       AND (c.owner_id = (SELECT id FROM app_user WHERE username = 'agent1') OR c.assignee_id = (SELECT id FROM app_user WHERE username = 'agent1') OR c.team_id = $2)`,
    [x!.id, x!.team],
  );
  const cleanup = async () => {
    await sql(`DELETE FROM outbound_message WHERE body LIKE $1`, [`e2e-story-${tag}%`]);
    await sql(`DELETE FROM segment WHERE id = $1`, [seg!.id]);
  };
  const [{ m }] = await sql<{ m: number }>(`SELECT count(*)::int AS m FROM outbound_message WHERE customer_id = $1`, [x!.id]);
  return { ...x!, segment: seg!.id, segmentName: `E2E story ${tag}`, openForAgent: n, messages: m, cleanup };
}

test("agent reads the customer's story: kinds, pages, a complaint's steps; the resolved complaint is not counted open", async ({ page }) => {
  test.setTimeout(180_000);
  const x = await storyCustomer("en");
  try {
    await login(page, "agent1");
    await page.goto(`/customers/${x.id}`);
    const story = page.getByRole("region", { name: "Customer story" });
    const items = story.getByRole("list", { name: "Customer story" }).getByRole("listitem");
    const chips = story.getByRole("navigation", { name: "Show" });
    await expect(chips.getByRole("link", { name: "All" })).toHaveAttribute("aria-current", "true");
    // The newest are the messages just sent; the page holds 15, the rest is one page older.
    await expect(items.first()).toContainText("Message");
    await expect(items.first()).toContainText("SMS to 139****0001");
    await expect(items).toHaveCount(15);
    await story.getByRole("link", { name: "Next page »" }).click();
    await expect(page).toHaveURL(/before=/);
    await expect(items.first()).toContainText("139****0016");
    await story.getByRole("link", { name: "« First page" }).click();
    await expect(page).not.toHaveURL(/before=/);
    await expect(items.first()).toContainText("139****0001");

    // Only the complaint's steps: opened, and each status it moved to, linking to the complaint.
    await chips.getByRole("link", { name: "Complaints" }).click();
    await expect(page).toHaveURL(/kinds=complaint/);
    await expect(chips.getByRole("link", { name: "Complaints" })).toHaveAttribute("aria-current", "true");
    await expect(story.getByText(`Complaint ${x.no} opened`)).toBeVisible();
    if (x.steps > 1) await expect(story.getByText(`Complaint ${x.no}: ${en.complaints.status[x.last]}`).first()).toBeVisible();
    const n = await items.count();
    await expect(items.filter({ hasText: "Complaint" })).toHaveCount(n);
    // Add messages to the filter (chips toggle), then back to everything.
    await chips.getByRole("link", { name: "Messages sent" }).click();
    await expect(page).toHaveURL(/kinds=complaint%2Cmessage|kinds=complaint,message/);
    await expect(items.first()).toContainText("139****0001");
    await chips.getByRole("link", { name: "All" }).click();
    await expect(page).not.toHaveURL(/kinds=/);

    // The complaints panel counts only what still waits for an answer.
    const panel = page.getByRole("region", { name: "Complaints" });
    await expect(panel.getByRole("table")).toContainText(x.no);
    if (x.openForAgent > 0) await expect(panel.getByText(`${x.openForAgent} open`)).toBeVisible();
    else await expect(panel.getByText(/\d+ open/)).toHaveCount(0);

    // Segments: agents see the names, not a link to the segment (they do not manage segments).
    const segments = page.getByRole("region", { name: "Segments" });
    await expect(segments.getByText(x.segmentName)).toBeVisible();
    await expect(segments.getByRole("link", { name: x.segmentName })).toHaveCount(0);

    // Into the complaint from its story.
    await page.goto(`/customers/${x.id}?kinds=complaint`);
    await story.getByRole("link", { name: x.no }).first().click();
    await expect(page).toHaveURL(new RegExp(`/complaints/${x.complaint}$`));
  } finally {
    await x.cleanup();
  }
});

async function zhPage(browser: Browser) {
  const ctx = await browser.newContext({ locale: "zh-CN" });
  return { ctx, page: await ctx.newPage() };
}

test("经理查看客户历程：按类型筛选、所属分群可打开", async ({ browser }) => {
  test.setTimeout(180_000);
  const x = await storyCustomer("zh");
  const { ctx, page } = await zhPage(browser);
  try {
    await login(page, "manager1");
    await page.goto(`/customers/${x.id}`);
    const story = page.getByRole("region", { name: "客户历程" });
    const items = story.getByRole("list", { name: "客户历程" }).getByRole("listitem");
    const chips = story.getByRole("navigation", { name: "显示" });
    await expect(items.first()).toContainText("短信 发送至 139****0001");
    await chips.getByRole("link", { name: "投诉" }).click();
    await expect(page).toHaveURL(/kinds=complaint/);
    await expect(story.getByText(`受理投诉 ${x.no}`)).toBeVisible();
    if (x.steps > 1) await expect(story.getByText(`投诉 ${x.no}：${zh.complaints.status[x.last]}`).first()).toBeVisible();
    await chips.getByRole("link", { name: "已发消息" }).click();
    // Each chip's link is the toggle of the page it is on: wait for that page before the next one.
    await expect(page).toHaveURL(/kinds=complaint(%2C|,)message/);
    await chips.getByRole("link", { name: "投诉" }).click();
    await expect(page).toHaveURL(/kinds=message/);
    await expect(items.filter({ hasText: "消息" })).toHaveCount(await items.count());
    await story.getByRole("link", { name: "下一页 »" }).click();
    await expect(page).toHaveURL(/before=/);
    await expect(items).toHaveCount(Math.min(15, x.messages - 15));
    // Managers manage segments: the name opens the segment.
    const segments = page.getByRole("region", { name: "所属分群" });
    await segments.getByRole("link", { name: x.segmentName }).click();
    await expect(page).toHaveURL(new RegExp(`/segments/${x.segment}$`));
  } finally {
    await ctx.close();
    await x.cleanup();
  }
});
