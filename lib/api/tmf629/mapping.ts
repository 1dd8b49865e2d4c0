import "server-only";
import type { CustomerProfile } from "@/lib/customers/profile-queries";
import { customerHref } from "@/lib/api/href";
import { PII_ATTRIBUTES } from "@/lib/api/tmf629/schemas";

// Our subscriber as a TMF629 v5 Customer (docs/open-api.md, "TMF629 Customer"):
// - `status`: our status in lower case (active, suspended, churned);
// - `engagedParty`: a PartyRef to the Individual or Organization, its id our customer number;
// - `contactMedium`: the lines' service numbers (PhoneContactMedium, contactType "msisdn"), the
//   contact phone ("contact"), the e-mail and the region with the address (GeographicAddress…);
//   numbers, e-mail, street and a person's name masked unless the token holds customer:reveal;
// - `characteristic`: customerNo, customerType, valueTier, churnBand, memberGrade, segments,
//   preferredLanguage and one BooleanCharacteristic per marketing consent (consentSms, …);
// - `validFor.startDateTime`: the day the subscriber joined (00:00 in Asia/Shanghai).

export const ORGANIZATION_TYPES = new Set(["ENTERPRISE", "GOVERNMENT"]);

/** The consent characteristics and the profile flag each one reads. */
export const CONSENT_CHARACTERISTICS = {
  consentSms: "sms",
  consentCall: "call",
  consentEmail: "email",
  consentPush: "push",
  consentWechat: "wechat",
  doNotDisturb: "doNotDisturb",
} as const satisfies Record<string, keyof CustomerProfile["consent"]>;
export type ConsentCharacteristic = keyof typeof CONSENT_CHARACTERISTICS;

/** Characteristics other systems read but do not write (computed by scoring, grading, segments, or identity). */
export const READ_ONLY_CHARACTERISTICS = ["customerNo", "customerType", "valueTier", "churnBand", "memberGrade", "segments"] as const;

type Json = Record<string, unknown>;

const str = (name: string, value: string): Json => ({ "@type": "StringCharacteristic", name, valueType: "string", value });

export function toTmfCustomer(p: CustomerProfile): Json {
  const organization = ORGANIZATION_TYPES.has(p.type);
  const contactMedium: Json[] = p.msisdns.map((n, i) => ({
    "@type": "PhoneContactMedium",
    contactType: "msisdn",
    preferred: i === 0 && !p.contactPhone,
    phoneNumber: n,
  }));
  if (p.contactPhone) contactMedium.push({ "@type": "PhoneContactMedium", contactType: "contact", preferred: true, phoneNumber: p.contactPhone });
  if (p.email) contactMedium.push({ "@type": "EmailContactMedium", contactType: "email", preferred: false, emailAddress: p.email });
  contactMedium.push({
    "@type": "GeographicAddressContactMedium",
    contactType: "address",
    preferred: false,
    country: "CN",
    stateOrProvince: p.province,
    city: p.city,
    ...(p.address ? { street1: p.address } : {}),
  });
  const characteristic: Json[] = [str("customerNo", p.customerNo), str("customerType", p.type)];
  if (p.valueTier) characteristic.push(str("valueTier", p.valueTier));
  if (p.churnBand) characteristic.push(str("churnBand", p.churnBand));
  if (p.memberGrade) characteristic.push(str("memberGrade", p.memberGrade));
  characteristic.push({ "@type": "StringArrayCharacteristic", name: "segments", valueType: "array", value: p.segments });
  characteristic.push(str("preferredLanguage", p.preferredLang));
  for (const [name, flag] of Object.entries(CONSENT_CHARACTERISTICS)) {
    characteristic.push({ "@type": "BooleanCharacteristic", name, valueType: "boolean", value: p.consent[flag] });
  }
  return {
    "@type": "Customer",
    id: String(p.id),
    href: customerHref(p.id),
    name: p.name,
    status: p.status.toLowerCase(),
    role: "customer",
    engagedParty: { "@type": "PartyRef", id: p.customerNo, name: p.name, "@referredType": organization ? "Organization" : "Individual" },
    contactMedium,
    characteristic,
    validFor: { startDateTime: `${p.joinedAt}T00:00:00+08:00` },
  };
}

/** The attributes a `fields=` selection keeps (`id`, `href` and `@type` always). */
export function selectFields(c: Json, fields: readonly string[] | null): Json {
  if (!fields) return c;
  const out: Json = { "@type": c["@type"], id: c.id, href: c.href };
  for (const f of fields) if (f in c) out[f] = c[f];
  return out;
}

/** Whether a selection shows PII (no selection shows everything). */
export function showsPii(fields: readonly string[] | null): boolean {
  return !fields || fields.some((f) => (PII_ATTRIBUTES as readonly string[]).includes(f));
}
