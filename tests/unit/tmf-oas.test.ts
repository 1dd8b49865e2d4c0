// The conformance validator itself (tests/api/oas.ts): the specs' own examples pass, broken ones fail.
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { describe, expect, test } from "vitest";
import { requestErrors, responseErrors, schemaErrors, type Spec } from "@/tests/api/oas";

type Json = Record<string, unknown>;
const FILES: Record<Spec, string> = { TMF621: "TMF621-Trouble_Ticket-v5.0.1.oas.yaml", TMF629: "TMF629-Customer_Management-v5.0.1.oas.yaml" };
const docOf = (spec: Spec) => yaml.load(fs.readFileSync(path.join(process.cwd(), "docs/api/tmf", FILES[spec]), "utf8")) as Json;

describe.each(["TMF621", "TMF629"] as const)("%s", (spec) => {
  const doc = docOf(spec);
  const examples = ((doc.components as Json).examples ?? {}) as Record<string, { value?: unknown }>;
  const base = spec === "TMF621" ? "troubleTicket" : "customer";

  const EXAMPLES = {
    TMF621: {
      retrieve: "TroubleTicket_retrieve_example_response",
      create: "TroubleTicket_create_example_request",
      merge: "TroubleTicket_partialupdate_example_application_merge_json_request",
      event: ["TroubleTicketStatusChangeEvent_request", "/listener/troubleTicketStatusChangeEvent"],
    },
    TMF629: {
      retrieve: "Customer_retrieve_example_response",
      create: "Customer_Create_example_request",
      merge: "Customer_Update_example_Merge__request",
      event: ["Customer_Attribute_Value_Change_Notification_Event_request", "/listener/customerAttributeValueChangeEvent"],
    },
  }[spec];

  test("the spec's own examples conform: a retrieved resource, a create, a merge-patch, an event", () => {
    expect(responseErrors(spec, "get", `/${base}/{id}`, 200, examples[EXAMPLES.retrieve].value)).toEqual([]);
    expect(requestErrors(spec, "post", `/${base}`, examples[EXAMPLES.create].value)).toEqual([]);
    expect(requestErrors(spec, "patch", `/${base}/{id}`, examples[EXAMPLES.merge].value)).toEqual([]);
    expect(requestErrors(spec, "post", EXAMPLES.event[1], examples[EXAMPLES.event[0]].value)).toEqual([]);
  });

  test("an error body conforms when it has @type, code and reason; not without them", () => {
    expect(schemaErrors(spec, "Error", { "@type": "Error", code: "404", reason: "Not Found", message: "No such resource.", status: "404" })).toEqual([]);
    expect(schemaErrors(spec, "Error", { code: 404, message: "x" }).length).toBeGreaterThan(0);
  });

  test("a create body without the required fields does not conform", () => {
    expect(requestErrors(spec, "post", `/${base}`, { "@type": "Nonsense" }).length).toBeGreaterThan(0);
  });
});

test("a ticket whose related party is a PartyRoleRef or a PartyRef conforms (the discriminator picks the branch)", () => {
  const ticket = {
    "@type": "TroubleTicket",
    id: "1",
    href: "http://x/tmf-api/troubleTicket/v5/troubleTicket/1",
    description: "d",
    severity: "minor",
    ticketType: "billing",
    status: "acknowledged",
    relatedParty: [
      { "@type": "RelatedPartyRefOrPartyRoleRef", role: "customer", partyOrPartyRole: { "@type": "PartyRef", id: "42", href: "http://x/c/42" } },
      { "@type": "RelatedPartyRefOrPartyRoleRef", role: "owner", partyOrPartyRole: { "@type": "PartyRoleRef", id: "7", partyId: "7" } },
    ],
  };
  expect(schemaErrors("TMF621", "TroubleTicket", ticket)).toEqual([]);
  expect(schemaErrors("TMF621", "TroubleTicket", { ...ticket, status: "reopened" }).length).toBeGreaterThan(0);
  expect(schemaErrors("TMF621", "TroubleTicket", { ...ticket, severity: 3 }).length).toBeGreaterThan(0);
});
