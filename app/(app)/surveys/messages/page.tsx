import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { listOutboundMessages } from "@/lib/surveys/queries";

const params = z.object({ cursor: z.string().regex(/^\d+$/).optional().catch(undefined) });

/** What would have been sent (no SMS/email/push gateway here): newest first. */
export default async function MessageLogPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "survey:read")) notFound();
  const { cursor } = params.parse(await searchParams);
  const t = await getTranslations("surveys.messages");
  const format = await getFormatter();
  const page = await listOutboundMessages(actor, { cursor });
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <section className="card">
        {page.rows.length === 0 ? (
          <p className="p-4 text-sm text-slate-500">{t("empty")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("at")}</th>
                <th>{t("channel")}</th>
                <th>{t("recipient")}</th>
                <th>{t("purpose")}</th>
                <th>{t("body")}</th>
                <th>{t("answered")}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((m) => (
                <tr key={m.id}>
                  <td className="whitespace-nowrap">{format.dateTime(m.createdAt, { dateStyle: "short", timeStyle: "short" })}</td>
                  <td>{t(`channels.${m.channel}`)}</td>
                  <td>
                    <Link href={`/customers/${m.customerId}`} className="underline">
                      {m.recipient}
                    </Link>
                  </td>
                  <td>{t(`purposes.${m.purpose === "survey.csat" ? "csat" : "campaign"}`)}</td>
                  <td className="break-all">
                    <MessageBody body={m.body} />
                  </td>
                  <td>{m.answered ? t("yes") : t("no")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {page.nextCursor && (
        <Link href={`/surveys/messages?cursor=${page.nextCursor}`} className="text-sm text-brand-700 underline">
          {t("more")}
        </Link>
      )}
    </div>
  );
}

/** The message text with its survey link clickable (so the log can stand in for the phone). */
function MessageBody({ body }: { body: string }) {
  const m = body.match(/((?:https?:\/\/[^\s/]+)?\/s\/[A-Za-z0-9_-]+)/);
  if (!m || m.index === undefined) return <>{body}</>;
  const href = m[1].replace(/^https?:\/\/[^/]+/, "");
  return (
    <>
      {body.slice(0, m.index)}
      <a href={href} className="text-brand-700 underline" target="_blank" rel="noreferrer">
        {m[1]}
      </a>
      {body.slice(m.index + m[1].length)}
    </>
  );
}
