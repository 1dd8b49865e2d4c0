import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { assertCan } from "@/lib/auth/actor";
import { apiOrigin, TMF621_BASE, TMF629_BASE } from "@/lib/api/href";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader, Section } from "@/components/ui/card";
import { ReferenceExamples, type ReferenceExample } from "@/components/api/reference";
import { page } from "@/lib/shared/page";

// The Open API reference for admins (issue 25): authentication, conventions, limits, errors, and a
// curl example for every endpoint we serve (the same list as lib/api/openapi.ts OPERATIONS).
export default page(async function ApiReferencePage() {
  const actor = await requireActor();
  assertCan(actor, "api:manage");
  const t = await getTranslations("apiReference");
  const base = apiOrigin();
  const auth = `-H "Authorization: Bearer $TOKEN"`;
  const tt = `${base}${TMF621_BASE}`;
  const cu = `${base}${TMF629_BASE}`;
  const ex = (key: string, method: ReferenceExample["method"], path: string, scope: string | null, curl: string): ReferenceExample => ({
    title: t(`example.${key}`),
    method,
    path,
    scope,
    curl,
  });

  const oauth: ReferenceExample[] = [
    ex(
      "token",
      "POST",
      "/oauth/token",
      null,
      `curl -s -X POST ${base}/oauth/token \\\n  -u "$CLIENT_ID:$CLIENT_SECRET" \\\n  -d grant_type=client_credentials\n\n# {"access_token":"crm_at_…","token_type":"Bearer","expires_in":3600,"scope":"ticket:read ticket:write"}\nTOKEN=$(curl -s -X POST ${base}/oauth/token -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials | jq -r .access_token)`,
    ),
    ex(
      "tokenForm",
      "POST",
      "/oauth/token",
      null,
      `curl -s -X POST ${base}/oauth/token \\\n  -d grant_type=client_credentials -d client_id="$CLIENT_ID" -d client_secret="$CLIENT_SECRET" -d scope="ticket:read"`,
    ),
    ex("openapi", "GET", "/tmf-api/openapi.json", null, `curl -s ${base}/tmf-api/openapi.json`),
  ];
  const tickets: ReferenceExample[] = [
    ex(
      "listTickets",
      "GET",
      `${TMF621_BASE}/troubleTicket`,
      "ticket:read",
      `curl -s -i "${tt}/troubleTicket?status=pending&severity=major&creationDate.gte=2026-12-01T00:00:00%2B08:00&fields=id,status,severity,expectedResolutionDate&offset=0&limit=20&sort=-creationDate" \\\n  ${auth}\n\n# X-Result-Count: 20`,
    ),
    ex("getTicket", "GET", `${TMF621_BASE}/troubleTicket/{id}`, "ticket:read", `curl -s -i ${tt}/troubleTicket/1024 ${auth}\n\n# ETag: "3"`),
    ex(
      "createTicket",
      "POST",
      `${TMF621_BASE}/troubleTicket`,
      "ticket:write",
      `curl -s -i -X POST ${tt}/troubleTicket ${auth} \\\n  -H "Content-Type: application/json" \\\n  -H "Idempotency-Key: 6f1c2b7e-2f0e-4a51-9a57-0c4d1b2f9e10" \\\n  -d '{\n    "@type": "TroubleTicket",\n    "description": "No signal at home since this morning",\n    "severity": "general",\n    "ticketType": "NETWORK_COVERAGE",\n    "relatedParty": [\n      { "@type": "RelatedPartyRefOrPartyRoleRef", "role": "customer",\n        "partyOrPartyRole": { "@type": "PartyRef", "id": "msisdn:13800000000" } }\n    ]\n  }'\n\n# 201 Created, Location: ${tt}/troubleTicket/1025`,
    ),
    ex(
      "patchTicket",
      "PATCH",
      `${TMF621_BASE}/troubleTicket/{id}`,
      "ticket:write",
      `curl -s -i -X PATCH ${tt}/troubleTicket/1025 ${auth} \\\n  -H "Content-Type: application/merge-patch+json" \\\n  -H 'If-Match: "1"' \\\n  -d '{ "@type": "TroubleTicket", "status": "inProgress" }'\n\n# 409 Conflict when someone changed it since version 1`,
    ),
  ];
  const specs: ReferenceExample[] = [
    ex("listSpecs", "GET", `${TMF621_BASE}/troubleTicketSpecification`, "ticket:read", `curl -s "${tt}/troubleTicketSpecification?fields=id,name" ${auth}`),
    ex("getSpec", "GET", `${TMF621_BASE}/troubleTicketSpecification/{id}`, "ticket:read", `curl -s ${tt}/troubleTicketSpecification/BILLING ${auth}`),
  ];
  const customers: ReferenceExample[] = [
    ex("listCustomers", "GET", `${TMF629_BASE}/customer`, "customer:read", `curl -s -i "${cu}/customer?status=active&fields=id,name,status&limit=50" ${auth}`),
    ex(
      "getCustomer",
      "GET",
      `${TMF629_BASE}/customer/{id}`,
      "customer:read",
      `curl -s -i ${cu}/customer/501 ${auth}\n\n# Contact numbers masked (138****8000) unless the client holds customer:reveal`,
    ),
    ex(
      "createCustomer",
      "POST",
      `${TMF629_BASE}/customer`,
      "customer:write",
      `curl -s -i -X POST ${cu}/customer ${auth} \\\n  -H "Content-Type: application/json" -H "Idempotency-Key: app-order-88123" \\\n  -d '{ "@type": "Customer", "name": "钱多多",\n        "engagedParty": { "@type": "PartyRef", "@referredType": "Individual" },\n        "contactMedium": [\n          { "@type": "PhoneContactMedium", "contactType": "msisdn", "phoneNumber": "13800000001" },\n          { "@type": "GeographicAddressContactMedium", "stateOrProvince": "浙江省", "city": "杭州市", "street1": "西湖区文三路100号" } ],\n        "characteristic": [ { "@type": "StringCharacteristic", "name": "planCode", "value": "M5G-129" } ] }'`,
    ),
    ex(
      "patchCustomer",
      "PATCH",
      `${TMF629_BASE}/customer/{id}`,
      "customer:write",
      `curl -s -i -X PATCH ${cu}/customer/1234 ${auth} \\\n  -H "Content-Type: application/merge-patch+json" -H 'If-Match: "7"' \\\n  -d '{ "@type": "Customer", "name": "钱**", "engagedParty": { "@type": "PartyRef", "id": "C7000001234" },\n        "contactMedium": [ { "@type": "EmailContactMedium", "emailAddress": "new@example.com" } ] }'`,
    ),
  ];
  const hub: ReferenceExample[] = [
    ex(
      "createHub",
      "POST",
      `${TMF621_BASE}/hub`,
      "hub:manage",
      `curl -s -i -X POST ${tt}/hub ${auth} \\\n  -H "Content-Type: application/json" \\\n  -d '{ "@type": "Hub", "callback": "https://fault.example.com/listener/troubleTicket", "query": "eventType=TroubleTicketStatusChangeEvent" }'\n\n# The same at ${TMF629_BASE}/hub for CustomerCreateEvent and CustomerAttributeValueChangeEvent`,
    ),
    ex("getHub", "GET", `${TMF621_BASE}/hub/{id}`, "hub:manage", `curl -s ${tt}/hub/12 ${auth}`),
    ex("deleteHub", "DELETE", `${TMF621_BASE}/hub/{id}`, "hub:manage", `curl -s -i -X DELETE ${tt}/hub/12 ${auth}\n\n# 204 No Content`),
  ];

  const prose = (key: string) => <p className="text-sm text-slate-700">{t(key)}</p>;
  return (
    <div className="max-w-5xl space-y-4">
      <PageHeader
        title={t("title")}
        description={t("intro", { openapi: "/tmf-api/openapi.json" })}
        actions={
          <ButtonLink href="/admin/api" variant="link">
            {t("back")}
          </ButtonLink>
        }
      />
      <Section title={t("base")} id="base">
        <ul className="space-y-1 font-mono text-xs">
          <li>{`${base}${TMF621_BASE}`}</li>
          <li>{`${base}${TMF629_BASE}`}</li>
          <li>
            <Link href="/tmf-api/openapi.json" className="text-brand-700 underline">{`${base}/tmf-api/openapi.json`}</Link>
          </li>
        </ul>
      </Section>
      <div className="grid gap-4 lg:grid-cols-2">
        <Section title={t("auth")} id="auth">
          {prose("authBody")}
        </Section>
        <Section title={t("scopes")} id="scopes">
          {prose("scopesBody")}
        </Section>
        <Section title={t("conventions")} id="conventions">
          {prose("conventionsBody")}
        </Section>
        <Section title={t("limits")} id="limits">
          {prose("limitsBody")}
        </Section>
      </div>
      <Section title={t("errors")} id="errors">
        {prose("errorsBody")}
      </Section>
      <Section title={t("oauth")} id="oauth">
        <ReferenceExamples examples={oauth} scopeLabel={t("scope")} />
      </Section>
      <Section title={t("tickets")} id="tickets">
        <ReferenceExamples examples={tickets} scopeLabel={t("scope")} />
      </Section>
      <Section title={t("specifications")} id="specifications">
        <ReferenceExamples examples={specs} scopeLabel={t("scope")} />
      </Section>
      <Section title={t("customers")} id="customers">
        <ReferenceExamples examples={customers} scopeLabel={t("scope")} />
      </Section>
      <Section title={t("hub")} id="hub">
        <div className="space-y-3">
          <p className="text-sm text-slate-700">
            {t.rich("hubBody", {
              deliveries: (chunks) => (
                <Link href="/admin/api/deliveries" prefetch={false} className="text-brand-700 underline">
                  {chunks}
                </Link>
              ),
            })}
          </p>
          <ReferenceExamples examples={hub} scopeLabel={t("scope")} />
        </div>
      </Section>
    </div>
  );
});
