// What the 360 story timeline shows beyond contacts, complaints and answers, for the demo seed
// and the scale generator: the result given to the customer on each complaint that got one (a
// FEEDBACK comment at feedback_at) and the message that carried each survey invitation (the
// outbound_message row, recipient masked and link redacted as lib/surveys/commands.ts writes it).
// Set-based, from the rows already loaded; idempotent (a rerun adds only what is missing).
import type pg from "pg";
import { SURVEY_TOKEN_MASK } from "@/lib/surveys/rules";

const RESULTS_ZH = [
  "已核实并退还多扣费用，次月账单体现",
  "已重新开通流量包，请重启手机后使用",
  "网络已修复，信号恢复正常",
  "已为您更正套餐，资费按新套餐计算",
  "已向相关部门反映并安排专人回访",
];
const RESULTS_EN = [
  "We refunded the overcharge; it shows on next month's bill",
  "Your data pack is active again; please restart your phone",
  "The network fault is repaired",
  "Your plan has been corrected",
];
const list = (xs: string[]) => `ARRAY[${xs.map((s) => `'${s.replace(/'/g, "''")}'`).join(", ")}]`;

export async function seedDemoStory(client: pg.ClientBase, baseUrl = "https://crm.example.com"): Promise<{ results: number; messages: number }> {
  const results = await client.query(`
    INSERT INTO complaint_comment (complaint_id, kind, body, author_id, at)
    SELECT c.id, 'FEEDBACK',
           CASE WHEN cu.preferred_lang = 'en' THEN (${list(RESULTS_EN)})[1 + c.id % ${RESULTS_EN.length}] ELSE (${list(RESULTS_ZH)})[1 + c.id % ${RESULTS_ZH.length}] END,
           c.owner_id, c.feedback_at
    FROM complaint c JOIN customer cu ON cu.id = c.customer_id
    WHERE c.feedback_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM complaint_comment m WHERE m.complaint_id = c.id AND m.kind = 'FEEDBACK')`);
  const messages = await client.query(
    `INSERT INTO outbound_message (customer_id, channel, recipient, locale, purpose, body, invitation_id, created_at)
     SELECT i.customer_id, i.channel,
            CASE i.channel WHEN 'SMS' THEN left(cu.contact_phone, 3) || '****' || right(cu.contact_phone, 4)
                           WHEN 'EMAIL' THEN left(cu.email, 1) || '***' || substring(cu.email from position('@' in cu.email))
                           ELSE 'app:' || cu.customer_no END,
            i.locale, CASE WHEN i.complaint_id IS NOT NULL THEN 'survey.csat' ELSE 'survey.campaign' END,
            CASE WHEN i.locale = 'en'
              THEN CASE WHEN i.complaint_id IS NOT NULL THEN 'Your complaint ' || c.complaint_no || ' has been resolved. How satisfied are you? ' ELSE 'How likely are you to recommend us? ' END
              ELSE CASE WHEN i.complaint_id IS NOT NULL THEN '您的投诉' || c.complaint_no || '已处理完毕，请您对本次服务评价： ' ELSE '邀请您参与服务满意度调查： ' END
            END || $1 || '/s/' || $2,
            i.id, i.sent_at
     FROM survey_invitation i JOIN customer cu ON cu.id = i.customer_id LEFT JOIN complaint c ON c.id = i.complaint_id
     WHERE NOT EXISTS (SELECT 1 FROM outbound_message m WHERE m.invitation_id = i.id)`,
    [baseUrl, SURVEY_TOKEN_MASK],
  );
  return { results: results.rowCount ?? 0, messages: messages.rowCount ?? 0 };
}
