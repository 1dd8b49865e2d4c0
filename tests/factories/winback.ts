// Win-back tasks (issue 23) for the demo seed, the scale generator and tests: care_task rows of kind
// WIN_BACK as assignWinBack (lib/retention/winback-commands.ts) leaves them, and the outcomes the
// owners record on their care list (RETAINED with the offer taken, LOST, NOT_REACHABLE).
//   - seedWinBackHistory: set-based, about `perThousand` customers in a thousand (by a hash of the
//     id) got a win-back in the last 180 days, owned by the active agents in turn; those older than
//     a week are done — a customer who left since is LOST (or not reachable), the others RETAINED
//     55 %, LOST 25 %, NOT_REACHABLE 20 % — the recent ones are open. Offers are the active offer
//     rules in turn. Deterministic (hashes of ids, no random stream).
//   - seedDemoWinBack: that history at the demo's rate, plus agent1's own: three open win-backs due
//     today and tomorrow, and five finished in the last weeks, so /care and the value page's
//     retention rates show something for the demo logins.
//   - createWinBackTask: one row for tests.
import type pg from "pg";
import type { CareTask, Prisma } from "@/lib/generated/prisma/client";
import { clientOr, given, type FactoryDb } from "@/tests/factories/db";

const H = (col: string, salt: number) => `((${col}::bigint * 2654435761 + ${salt}) % 1000)`;
const NOTES = ["高风险客户，合约即将到期，请了解续约意向", "近期投诉较多，先致歉再介绍优惠", "流量使用明显下降，推荐合适的流量包"];

/** Win-back history over the whole base (see the header). Returns the rows made. */
export async function seedWinBackHistory(client: pg.ClientBase, opts: { perThousand?: number; now?: Date } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const per = opts.perThousand ?? 30;
  const { rowCount } = await client.query(
    `WITH agents AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(team_id ORDER BY id) AS teams FROM app_user WHERE role = 'AGENT' AND is_active AND team_id IS NOT NULL),
          offers AS (SELECT array_agg(id ORDER BY priority, id) AS ids FROM offer_rule WHERE is_active),
          pick AS (
            SELECT c.id AS customer_id, c.status, c.churned_at,
                   $2::timestamptz - make_interval(days => (${H("c.id", 21)} % 180)::int, hours => (${H("c.id", 22)} % 10)::int) AS created_at,
                   ${H("c.id", 23)} AS h_outcome, ${H("c.id", 24)} AS h_owner, ${H("c.id", 25)} AS h_offer
            FROM customer c
            WHERE ${H("c.id", 20)} < $1 AND c.joined_at < $2::timestamptz - interval '200 days'
              AND NOT EXISTS (SELECT 1 FROM care_task t WHERE t.customer_id = c.id AND t.kind = 'WIN_BACK'))
     INSERT INTO care_task (customer_id, kind, team_id, assignee_id, due_on, status, outcome, offer_rule_id, note, attempts, created_by_id, done_by_id, done_at, created_at, version)
     SELECT p.customer_id, 'WIN_BACK', a.teams[1 + p.h_owner % cardinality(a.ids)], a.ids[1 + p.h_owner % cardinality(a.ids)],
            ((p.created_at AT TIME ZONE 'Asia/Shanghai')::date + 3),
            CASE WHEN d.finished THEN 'DONE' ELSE 'OPEN' END::"CareTaskStatus",
            d.outcome::"CareOutcome",
            CASE WHEN cardinality(o.ids) > 0 THEN o.ids[1 + p.h_offer % cardinality(o.ids)] END,
            (ARRAY[${NOTES.map((n) => `'${n}'`).join(", ")}])[1 + p.h_owner % ${NOTES.length}],
            CASE WHEN d.finished THEN 1 + p.h_offer % 3 ELSE 0 END,
            (SELECT id FROM app_user WHERE username = 'supervisor1'),
            CASE WHEN d.finished THEN a.ids[1 + p.h_owner % cardinality(a.ids)] END,
            CASE WHEN d.finished THEN p.created_at + make_interval(days => 1 + (p.h_outcome % 5)::int, hours => 2) END,
            p.created_at, CASE WHEN d.finished THEN 2 ELSE 1 END
     FROM pick p CROSS JOIN agents a CROSS JOIN offers o
     CROSS JOIN LATERAL (SELECT p.created_at < $2::timestamptz - interval '7 days' AS finished) f
     CROSS JOIN LATERAL (SELECT f.finished,
        CASE WHEN NOT f.finished THEN NULL
             WHEN p.status = 'CHURNED' THEN CASE WHEN p.h_outcome < 700 THEN 'LOST' ELSE 'NOT_REACHABLE' END
             WHEN p.h_outcome < 550 THEN 'RETAINED' WHEN p.h_outcome < 800 THEN 'LOST' ELSE 'NOT_REACHABLE' END AS outcome) d
     WHERE cardinality(a.ids) > 0
     ON CONFLICT DO NOTHING`,
    [per, now],
  );
  return rowCount ?? 0;
}

/** The demo's win-backs: the history at the demo's rate, and agent1's own (see the header). */
export async function seedDemoWinBack(client: pg.ClientBase, now = new Date()): Promise<number> {
  let n = await seedWinBackHistory(client, { now });
  const { rows: who } = await client.query<{ agent: number; team: number; sup: number }>(
    `SELECT a.id AS agent, a.team_id AS team, (SELECT id FROM app_user WHERE username = 'supervisor1') AS sup FROM app_user a WHERE a.username = 'agent1'`,
  );
  if (!who.length || who[0].team == null) return n;
  const { agent, team, sup } = who[0];
  // agent1's customers: active ones without a win-back, picked by a hash of the id.
  const { rows: picked } = await client.query<{ id: number }>(
    `SELECT c.id FROM customer c WHERE c.status = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM care_task t WHERE t.customer_id = c.id AND t.kind = 'WIN_BACK')
     ORDER BY ${H("c.id", 31)}, c.id LIMIT 8`,
  );
  const { rows: offers } = await client.query<{ id: number }>(`SELECT id FROM offer_rule WHERE is_active ORDER BY priority, id`);
  const day = (k: number) => new Date(now.getTime() + 8 * 3_600_000 + k * 86_400_000).toISOString().slice(0, 10);
  const at = (k: number) => new Date(now.getTime() + k * 86_400_000);
  const plan: Array<{ due: number; outcome: string | null; offer: number | null; created: number }> = [
    { due: 0, outcome: null, offer: offers[0]?.id ?? null, created: -2 },
    { due: 0, outcome: null, offer: offers[1]?.id ?? null, created: -1 },
    { due: 1, outcome: null, offer: offers[0]?.id ?? null, created: -1 },
    { due: -20, outcome: "RETAINED", offer: offers[0]?.id ?? null, created: -23 },
    { due: -15, outcome: "RETAINED", offer: offers[1]?.id ?? null, created: -18 },
    { due: -10, outcome: "RETAINED", offer: offers[2]?.id ?? offers[0]?.id ?? null, created: -13 },
    { due: -8, outcome: "LOST", offer: offers[1]?.id ?? null, created: -11 },
    { due: -5, outcome: "NOT_REACHABLE", offer: offers[0]?.id ?? null, created: -8 },
  ];
  for (const [i, c] of picked.entries()) {
    const p = plan[i];
    if (!p) break;
    const done = p.outcome != null;
    await client.query(
      `INSERT INTO care_task (customer_id, kind, team_id, assignee_id, due_on, status, outcome, offer_rule_id, note, attempts, created_by_id, done_by_id, done_at, created_at, version)
       VALUES ($1, 'WIN_BACK', $2, $3, $4::date, $5::"CareTaskStatus", $6::"CareOutcome", $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT DO NOTHING`,
      [
        c.id,
        team,
        agent,
        day(p.due),
        done ? "DONE" : "OPEN",
        p.outcome,
        p.offer,
        NOTES[i % NOTES.length],
        done ? 1 : 0,
        sup,
        done ? agent : null,
        done ? at(p.due) : null,
        at(p.created),
        done ? 2 : 1,
      ],
    );
    n++;
  }
  return n;
}

export type WinBackTaskOverrides = Partial<Prisma.CareTaskUncheckedCreateInput> & { customerId: number; assigneeId: number; teamId: number };

/** One WIN_BACK task (OPEN, due today) for tests; pass status/outcome/doneAt for a finished one. */
export async function createWinBackTask(overrides: WinBackTaskOverrides, db?: FactoryDb): Promise<CareTask> {
  const client = await clientOr(db);
  return client.careTask.create({ data: { kind: "WIN_BACK", dueOn: new Date(new Date().toISOString().slice(0, 10)), ...given(overrides) } });
}
