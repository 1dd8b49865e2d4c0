// The training and assessment demo (issue 24), after the base is committed (it writes through the
// app's client): Hotline Team 1's session held last month (attendance, test scores), one two days
// ago agent1 attended and has not taken the test yet, an upcoming one agent1 is invited to with a
// published knowledge article as material (if the knowledge base has one), Hotline Team 2's held
// session, an ATTITUDE_COMPLAINT assignment for agent1 and a manual one for agent4; then the
// dashboards' rollups and the monthly assessment of the last three months and this month so far,
// so /assessment ranks Hotline Team 1. Deterministic for a given day; a marker makes it run once.
import { db } from "@/lib/db";
import { refreshRollups } from "@/lib/dashboards/rollups";
import { runAssessment } from "@/lib/assessment/job-commands";
import { addMonths, operatorMonth } from "@/lib/assessment/schemas";

const MARKER = "demo.trainingSeededAt";

/** `month`'s day `d` at hh:00 in Shanghai. */
const at = (month: string, d: number, hh: number) => new Date(`${month}-${String(d).padStart(2, "0")}T${String(hh).padStart(2, "0")}:00:00+08:00`);

const QUESTIONS = [
  { prompt: "首问负责制是指？", options: ["谁首先受理，谁负责跟进到底", "谁有空谁处理", "转给二线即可"], correctIndex: 0 },
  { prompt: "客户情绪激动时，首先应该？", options: ["解释公司规定", "倾听并安抚情绪", "转接主管"], correctIndex: 1 },
  { prompt: "一般投诉的处理时限是？", options: ["24 小时", "48 小时", "7 天"], correctIndex: 1 },
];

export async function seedDemoTraining(now = new Date()): Promise<{ sessions: number; assessed: number } | null> {
  if (await db.appSetting.findUnique({ where: { key: MARKER } })) return null;
  const users = await db.user.findMany({
    where: { username: { in: ["agent1", "agent2", "agent3", "agent4", "agent5", "agent6", "supervisor1", "supervisor2", "manager1"] } },
  });
  const u = (name: string) => users.find((x) => x.username === name)!;
  if (users.length < 9) return null;
  const team1 = u("supervisor1").teamId!;
  const team2 = u("supervisor2").teamId!;
  const thisMonth = operatorMonth(now);
  const lastMonth = addMonths(thisMonth, -1);
  const article = await db.kbArticle.findFirst({ where: { status: "PUBLISHED" }, orderBy: { id: "asc" }, select: { id: true } });

  const session = (data: {
    topic: string;
    description: string;
    startsAt: Date;
    teamId: number;
    trainerId: number;
    status: "PLANNED" | "HELD";
    articleIds?: number[];
  }) => db.trainingSession.create({ data: { ...data, durationMin: 90, passScore: 60, createdById: data.trainerId, articleIds: data.articleIds ?? [] } });

  // Last month, Hotline Team 1: agent1 and agent3 attended and took the test, agent4 was absent.
  const held = await session({
    topic: "服务规范与情绪安抚",
    description: "首问负责制、投诉受理话术与客户情绪安抚的要点回顾。",
    startsAt: at(lastMonth, 12, 14),
    teamId: team1,
    trainerId: u("supervisor1").id,
    status: "HELD",
  });
  await db.trainingQuestion.createMany({ data: QUESTIONS.map((q, i) => ({ ...q, sessionId: held.id, sortOrder: i })) });
  await db.trainingAttendee.createMany({
    data: [
      { sessionId: held.id, userId: u("agent1").id, attendance: "ATTENDED", testScore: 67, testedAt: at(lastMonth, 12, 16) },
      { sessionId: held.id, userId: u("agent3").id, attendance: "ATTENDED", testScore: 100, testedAt: at(lastMonth, 12, 16) },
      { sessionId: held.id, userId: u("agent4").id, attendance: "ABSENT" },
    ],
  });
  // Last month, Hotline Team 2.
  const held2 = await session({
    topic: "携号转网政策解读",
    description: "携转条件、办理时限与常见问题。",
    startsAt: at(lastMonth, 18, 10),
    teamId: team2,
    trainerId: u("supervisor2").id,
    status: "HELD",
  });
  await db.trainingAttendee.createMany({
    data: [
      { sessionId: held2.id, userId: u("agent2").id, attendance: "ATTENDED" },
      { sessionId: held2.id, userId: u("agent5").id, attendance: "ATTENDED" },
      { sessionId: held2.id, userId: u("agent6").id, attendance: "ABSENT" },
    ],
  });
  // Two days ago: agent1 attended and has the test to take.
  const recent = await session({
    topic: "新资费套餐上线培训",
    description: "新套餐的资费结构、适用人群与办理渠道。",
    startsAt: new Date(now.getTime() - 2 * 86_400_000),
    teamId: team1,
    trainerId: u("supervisor1").id,
    status: "HELD",
    articleIds: article ? [article.id] : [],
  });
  await db.trainingQuestion.createMany({
    data: [
      { sessionId: recent.id, prompt: "新套餐的办理渠道包括？", options: ["仅营业厅", "营业厅、App 和热线", "仅 App"], correctIndex: 1, sortOrder: 0 },
      { sessionId: recent.id, prompt: "老用户改办新套餐何时生效？", options: ["立即", "次月 1 日", "半年后"], correctIndex: 1, sortOrder: 1 },
    ],
  });
  await db.trainingAttendee.createMany({
    data: [
      { sessionId: recent.id, userId: u("agent1").id, attendance: "ATTENDED" },
      { sessionId: recent.id, userId: u("agent3").id, attendance: "ATTENDED", testScore: 100, testedAt: new Date(now.getTime() - 86_400_000) },
      { sessionId: recent.id, userId: u("agent4").id, attendance: "ATTENDED" },
    ],
  });
  // Next week: agent1 and agent4 invited, with the knowledge article as material.
  const upcoming = await session({
    topic: "投诉升级处理实务",
    description: "复杂投诉的升级路径、补偿审批与回访要求。",
    startsAt: new Date(now.getTime() + 7 * 86_400_000),
    teamId: team1,
    trainerId: u("supervisor1").id,
    status: "PLANNED",
    articleIds: article ? [article.id] : [],
  });
  await db.trainingAttendee.createMany({
    data: [
      { sessionId: upcoming.id, userId: u("agent1").id },
      { sessionId: upcoming.id, userId: u("agent4").id },
    ],
  });

  // agent1's attitude complaint (one of theirs in the service-attitude tree, else their first one).
  const [complaint] = await db.$queryRaw<Array<{ id: number; complaint_no: string }>>`
    SELECT c.id, c.complaint_no FROM complaint c
    WHERE c.owner_id = ${u("agent1").id}
    ORDER BY (c.category_id IN (WITH RECURSIVE cat AS (SELECT id FROM complaint_category WHERE code = 'SERVICE_ATTITUDE'
              UNION ALL SELECT k.id FROM complaint_category k JOIN cat ON k.parent_id = cat.id) SELECT id FROM cat)) DESC, c.id
    LIMIT 1`;
  await db.trainingAssignment.createMany({
    data: [
      ...(complaint
        ? [
            {
              userId: u("agent1").id,
              teamId: team1,
              reason: "ATTITUDE_COMPLAINT" as const,
              topic: complaint.complaint_no,
              sourceKey: `complaint:${complaint.id}`,
              createdAt: new Date(now.getTime() - 3 * 86_400_000),
            },
          ]
        : []),
      {
        userId: u("agent4").id,
        teamId: team1,
        reason: "MANUAL",
        topic: "投诉受理话术",
        createdById: u("supervisor1").id,
        createdAt: new Date(now.getTime() - 5 * 86_400_000),
      },
    ],
  });

  // The dashboards' rollups (the agent grain the assessment reads), then the months.
  await refreshRollups(now);
  const run = await runAssessment([addMonths(thisMonth, -3), addMonths(thisMonth, -2), lastMonth, thisMonth], "seed");
  await db.appSetting.create({ data: { key: MARKER, value: { at: now.toISOString() } } });
  return { sessions: 4, assessed: run.rows };
}
