import "server-only";
import type { z } from "zod";
import type { ApiCaller } from "@/lib/api/authenticate";
import { ApiError } from "@/lib/api/errors";
import { etagOf, ifMatchVersion } from "@/lib/api/route";
import { withIdempotency } from "@/lib/api/idempotency";
import { customerHref } from "@/lib/api/href";
import { ValidationError } from "@/lib/shared/errors";
import { maskMsisdn } from "@/lib/pii/mask";
import { createCustomer, updateCustomer } from "@/lib/customers/commands";
import { getCustomerProfile, listCustomerProfiles, type CustomerProfile } from "@/lib/customers/profile-queries";
import type { CreateCustomerInput, UpdateCustomerInput } from "@/lib/customers/schemas";
import {
  CONSENT_CHARACTERISTICS,
  READ_ONLY_CHARACTERISTICS,
  selectFields,
  showsPii,
  toTmfCustomer,
  type ConsentCharacteristic,
} from "@/lib/api/tmf629/mapping";
import type { customerGetQuery, customerListQuery, CustomerCreateBody, CustomerPatchBody, TmfCharacteristic, TmfContactMedium } from "@/lib/api/tmf629/schemas";

// The TMF629 Customer handlers (one apiRoute() call each in app/tmf-api/customer/v5/…): they turn
// TMF bodies into lib inputs and lib results into TMF resources; every rule (permission, masking,
// the reveal's audit, validation, version) is lib's.

const JSON_HEADERS = { "cache-control": "no-store" };

/** Numbers and names in clear only for a token with customer:reveal, and only when the answer shows them. */
function revealFor(caller: ApiCaller, fields: readonly string[] | null): boolean {
  return caller.scopes.includes("customer:reveal") && showsPii(fields);
}

export async function getTmfCustomer(caller: ApiCaller, id: number, query: z.output<typeof customerGetQuery>): Promise<Response> {
  const fields = query.fields ?? null;
  const profile = await getCustomerProfile(caller.actor, id, { reveal: revealFor(caller, fields) });
  return Response.json(selectFields(toTmfCustomer(profile), fields), { headers: { ...JSON_HEADERS, etag: etagOf(profile.version) } });
}

export async function listTmfCustomers(caller: ApiCaller, query: z.output<typeof customerListQuery>): Promise<Response> {
  const fields = query.fields ?? null;
  const offset = query.offset ?? 0;
  const { profiles, more } = await listCustomerProfiles(
    caller.actor,
    { status: query.status, valueTier: query.valueTier, msisdn: query.msisdn, afterId: query.after, offset, limit: query.limit ?? 20 },
    { reveal: revealFor(caller, fields) },
  );
  const headers: Record<string, string> = { ...JSON_HEADERS, "x-result-count": String(profiles.length) };
  // The total only when it is known without counting: the last page says where the list ends.
  // (An empty page past the end says nothing about the total.)
  if (!more && !query.after && (profiles.length > 0 || offset === 0)) headers["x-total-count"] = String(offset + profiles.length);
  return Response.json(
    profiles.map((p) => selectFields(toTmfCustomer(p), fields)),
    { headers },
  );
}

/**
 * POST: a new subscriber with one line. The answer is masked whatever the token's scopes: it is
 * kept for Idempotency-Key replays (no clear PII at rest, no clear value without its audit row);
 * GET the Location to read it in clear.
 */
export async function createTmfCustomer(caller: ApiCaller, request: Request, body: CustomerCreateBody, rawBody: string): Promise<Response> {
  return withIdempotency(caller.clientId, request, rawBody, async () => {
    const { id } = await createCustomer(caller.actor, createInputOf(body));
    const profile = await getCustomerProfile(caller.actor, id);
    return { status: 201, body: toTmfCustomer(profile), headers: { location: customerHref(id), etag: etagOf(profile.version) } };
  });
}

/** PATCH (merge-patch): contact media, status, consent and preferred language; If-Match for the version. */
export async function patchTmfCustomer(
  caller: ApiCaller,
  request: Request,
  id: number,
  body: CustomerPatchBody,
  query: z.output<typeof customerGetQuery>,
): Promise<Response> {
  const expected = ifMatchVersion(request);
  const current = await getCustomerProfile(caller.actor, id);
  const input = updateInputOf(current, body, expected ?? current.version);
  await updateCustomer(caller.actor, input);
  return getTmfCustomer(caller, id, query);
}

// ── create: TMF → lib ──

function characteristicValue(c: TmfCharacteristic, type: "string" | "boolean"): string | boolean {
  if (typeof c.value !== type) throw new ValidationError({ characteristic: "invalid" });
  return c.value as string | boolean;
}

function createInputOf(body: CustomerCreateBody): CreateCustomerInput {
  const organization = body.engagedParty["@referredType"] === "Organization";
  let type: CreateCustomerInput["type"] = organization ? "ENTERPRISE" : "INDIVIDUAL";
  const input: Omit<CreateCustomerInput, "type" | "msisdn" | "province" | "city" | "planCode"> & Partial<CreateCustomerInput> = { name: body.name.trim() };
  if (body.status !== undefined && body.status.toLowerCase() !== "active") throw new ValidationError({ status: "invalidOption" });
  const numbers: string[] = [];
  for (const m of body.contactMedium) {
    if (m["@type"] === "PhoneContactMedium") {
      if (m.contactType === "contact") input.contactPhone = m.phoneNumber.trim();
      else numbers.push(m.phoneNumber.replace(/[\s-]/g, ""));
    } else if (m["@type"] === "EmailContactMedium") input.email = m.emailAddress.trim();
    else {
      input.province = m.stateOrProvince?.trim() ?? "";
      input.city = m.city?.trim() ?? "";
      const street = [m.street1, m.street2].filter(Boolean).join(" ").trim();
      if (street) input.address = street;
    }
  }
  if (numbers.length !== 1) throw new ValidationError({ msisdn: numbers.length ? "tooMany" : "required" });
  const consent: NonNullable<CreateCustomerInput["consent"]> = {};
  for (const c of body.characteristic ?? []) {
    if (c.name === "customerType") {
      const t = String(characteristicValue(c, "string")).toUpperCase();
      const allowed = organization ? ["ENTERPRISE", "GOVERNMENT"] : ["INDIVIDUAL", "FAMILY"];
      if (!allowed.includes(t)) throw new ValidationError({ "characteristic.customerType": "invalidOption" });
      type = t as CreateCustomerInput["type"];
    } else if (c.name === "planCode") input.planCode = String(characteristicValue(c, "string"));
    else if (c.name === "network") input.network = String(characteristicValue(c, "string")).toUpperCase();
    else if (c.name === "preferredLanguage") input.preferredLang = languageOf(c);
    else if (c.name in CONSENT_CHARACTERISTICS)
      consent[CONSENT_CHARACTERISTICS[c.name as ConsentCharacteristic]] = characteristicValue(c, "boolean") as boolean;
    else throw new ValidationError({ characteristic: "invalidOption" });
  }
  return {
    ...input,
    type,
    msisdn: numbers[0],
    province: input.province ?? "",
    city: input.city ?? "",
    planCode: input.planCode ?? "",
    ...(Object.keys(consent).length ? { consent } : {}),
  };
}

function languageOf(c: TmfCharacteristic): "zh-CN" | "en" {
  const v = characteristicValue(c, "string");
  if (v !== "zh-CN" && v !== "en") throw new ValidationError({ "characteristic.preferredLanguage": "invalidOption" });
  return v;
}

// ── patch: TMF merge-patch → lib ──

/** A value as this API sent it masked ("138****5678", "z***@…", "…区****"): an echo, not a new value. */
const isMasked = (v: string) => v.includes("*");

function unprocessable(message: string): ApiError {
  return new ApiError(422, message);
}

/**
 * The lib update for a merge-patch. Contact media present are applied and absent ones kept (our
 * contact fields cannot be emptied); values echoed back masked are unchanged; service numbers
 * (lines), the region and the computed characteristics are read-only here (422 when they differ).
 */
function updateInputOf(current: CustomerProfile, body: CustomerPatchBody, version: number): UpdateCustomerInput {
  const input: UpdateCustomerInput = {
    customerId: current.id,
    version,
    preferredLang: current.preferredLang === "en" ? "en" : "zh-CN",
    consentSms: current.consent.sms,
    consentCall: current.consent.call,
    consentEmail: current.consent.email,
    consentPush: current.consent.push,
    consentWechat: current.consent.wechat,
    doNotDisturb: current.consent.doNotDisturb,
  };
  // The name is required in a patch by the spec: an echo is ignored, another name refused by lib.
  if (body.name !== undefined && !isMasked(body.name) && body.name !== current.name) input.name = body.name;
  if (body.status !== undefined) {
    const s = body.status.toUpperCase();
    if (s !== "ACTIVE" && s !== "SUSPENDED" && s !== "CHURNED") throw new ValidationError({ status: "invalidOption" });
    input.status = s;
  }
  for (const m of body.contactMedium ?? []) applyMedium(current, m, input);
  for (const c of body.characteristic ?? []) applyCharacteristic(current, c, input);
  return input;
}

function applyMedium(current: CustomerProfile, m: TmfContactMedium, input: UpdateCustomerInput): void {
  if (m["@type"] === "PhoneContactMedium") {
    const n = m.phoneNumber.replace(/[\s-]/g, "");
    if (m.contactType === "contact") {
      if (!isMasked(n)) input.contactPhone = n;
      return;
    }
    // A service number: one of the customer's lines (as this token sees them), or refused.
    const masked = isMasked(n) ? n : maskMsisdn(n);
    const known = current.msisdns.map((x) => (isMasked(x) ? x : maskMsisdn(x)));
    if (!known.includes(masked)) throw unprocessable("Service numbers (contactType msisdn) belong to lines and cannot be added or changed here.");
    return;
  }
  if (m["@type"] === "EmailContactMedium") {
    if (!isMasked(m.emailAddress)) input.email = m.emailAddress.trim();
    return;
  }
  if ((m.stateOrProvince !== undefined && m.stateOrProvince.trim() !== current.province) || (m.city !== undefined && m.city.trim() !== current.city))
    throw unprocessable("The province and city are read-only here.");
  const street = [m.street1, m.street2].filter(Boolean).join(" ").trim();
  if (street && !isMasked(street)) input.address = street;
}

function applyCharacteristic(current: CustomerProfile, c: TmfCharacteristic, input: UpdateCustomerInput): void {
  if (c.name in CONSENT_CHARACTERISTICS) {
    const v = characteristicValue(c, "boolean") as boolean;
    const key = (
      {
        consentSms: "consentSms",
        consentCall: "consentCall",
        consentEmail: "consentEmail",
        consentPush: "consentPush",
        consentWechat: "consentWechat",
        doNotDisturb: "doNotDisturb",
      } as const
    )[c.name as ConsentCharacteristic];
    input[key] = v;
    return;
  }
  if (c.name === "preferredLanguage") {
    input.preferredLang = languageOf(c);
    return;
  }
  if ((READ_ONLY_CHARACTERISTICS as readonly string[]).includes(c.name)) {
    const now: Record<string, string | string[] | null> = {
      customerNo: current.customerNo,
      customerType: current.type,
      valueTier: current.valueTier,
      churnBand: current.churnBand,
      memberGrade: current.memberGrade,
      segments: current.segments,
    };
    const was = now[c.name];
    const same = Array.isArray(was) ? Array.isArray(c.value) && c.value.length === was.length && c.value.every((v, i) => v === was[i]) : c.value === was;
    if (!same) throw unprocessable(`The characteristic ${c.name} is read-only.`);
    return;
  }
  throw new ValidationError({ characteristic: "invalidOption" });
}
