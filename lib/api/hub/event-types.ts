// The events a /hub listener may ask for (issue 25, docs/open-api.md "Events"): the TMF621 and
// TMF629 v5 names, the database enum each is stored as, and which API's /hub offers it.
// Browser-safe (the admin delivery log's filter lists them).

export const HUB_APIS = ["troubleTicket", "customer"] as const;
export type HubApi = (typeof HUB_APIS)[number];

export const HUB_EVENT_TYPES = {
  TroubleTicketCreateEvent: { enum: "TROUBLE_TICKET_CREATE", api: "troubleTicket" },
  TroubleTicketStatusChangeEvent: { enum: "TROUBLE_TICKET_STATE_CHANGE", api: "troubleTicket" },
  TroubleTicketAttributeValueChangeEvent: { enum: "TROUBLE_TICKET_ATTRIBUTE_VALUE_CHANGE", api: "troubleTicket" },
  TroubleTicketResolvedEvent: { enum: "TROUBLE_TICKET_RESOLVED", api: "troubleTicket" },
  CustomerCreateEvent: { enum: "CUSTOMER_CREATE", api: "customer" },
  CustomerAttributeValueChangeEvent: { enum: "CUSTOMER_ATTRIBUTE_VALUE_CHANGE", api: "customer" },
} as const satisfies Record<string, { enum: string; api: HubApi }>;

export type HubEventName = keyof typeof HUB_EVENT_TYPES;
export type HubEventEnum = (typeof HUB_EVENT_TYPES)[HubEventName]["enum"];
export const HUB_EVENT_NAMES = Object.keys(HUB_EVENT_TYPES) as HubEventName[];

export function eventNameOf(value: string): HubEventName | null {
  return HUB_EVENT_NAMES.find((n) => HUB_EVENT_TYPES[n].enum === value) ?? null;
}

/** The event types one API's /hub offers. */
export function eventNamesOfApi(api: HubApi): HubEventName[] {
  return HUB_EVENT_NAMES.filter((n) => HUB_EVENT_TYPES[n].api === api);
}

/**
 * The event types a TMF hub `query` selects: none given = every type of the API; otherwise
 * `eventType=A` or `eventType=A,B` (also `eventType=A&eventType=B`, or `eventType in (A,B)`).
 * Returns null when the query names something this API does not send (the caller answers 400).
 */
export function eventTypesOfQuery(api: HubApi, query: string | null | undefined): HubEventName[] | null {
  const all = eventNamesOfApi(api);
  const q = (query ?? "").trim();
  if (!q) return all;
  const names: string[] = [];
  for (const part of q.split("&")) {
    const m = /^\s*eventType\s*(?:=\s*(.+?)|\s+in\s*\((.+)\))\s*$/i.exec(part);
    if (!m) return null;
    names.push(...(m[1] ?? m[2]).split(",").map((s) => s.trim().replace(/^["']|["']$/g, "")));
  }
  const picked = new Set<HubEventName>();
  for (const n of names) {
    const hit = all.find((a) => a.toLowerCase() === n.toLowerCase());
    if (!hit) return null;
    picked.add(hit);
  }
  return picked.size ? all.filter((a) => picked.has(a)) : null;
}

/** TMF621 ticket status of one of our complaint states ("IN_PROGRESS" → "inProgress"). */
export function tmfStatusOf(status: string): string {
  return status.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** TMF621 `severity` of a complaint grade ("MAJOR" → "major"); the ticket API maps it the same way. */
export function tmfSeverityOf(grade: string): string {
  return tmfStatusOf(grade);
}
