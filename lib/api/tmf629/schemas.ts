import { z } from "zod";

// What the TMF629 routes accept (lib/api/route.ts parses params, query and body with these; a miss
// is a 404, a 400 with the paths and zod's messages, never the input echoed).

/** The first-level attributes a `fields=` selection may name. */
export const CUSTOMER_FIELDS = ["name", "status", "role", "engagedParty", "contactMedium", "characteristic", "validFor"] as const;
/** Attributes that carry PII (a selection without them reveals nothing and writes no audit row). */
export const PII_ATTRIBUTES = ["name", "engagedParty", "contactMedium"] as const;

/** `[id]`: our customer id; anything else is a customer that does not exist. */
export const customerParams = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,9}$/)
    .transform(Number)
    .pipe(z.number().max(2_147_483_647)),
});

const fieldsParam = z
  .string()
  .max(300)
  .transform((s) =>
    s
      .split(",")
      .map((f) => f.trim())
      .filter(Boolean),
  )
  .refine((fs) => fs.every((f) => f === "id" || f === "href" || f === "@type" || (CUSTOMER_FIELDS as readonly string[]).includes(f)), {
    message: `fields may name ${CUSTOMER_FIELDS.join(", ")}`,
  })
  .optional();

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const customerGetQuery = z.object({ fields: fieldsParam });

export const customerListQuery = z.object({
  fields: fieldsParam,
  offset: int(0, 10_000).optional(),
  limit: int(1, 100).optional(),
  /** Keyset: customers with an id above this one (the last id of the previous page). */
  after: int(1, 2_147_483_647).optional(),
  status: z
    .string()
    .max(20)
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(["ACTIVE", "SUSPENDED", "CHURNED"]))
    .optional(),
  valueTier: z
    .string()
    .max(20)
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(["DIAMOND", "GOLD", "SILVER", "STANDARD"]))
    .optional(),
  /** A full service number (11 or 12 digits): the agents' number search. */
  msisdn: z
    .string()
    .regex(/^\d{11,12}$/, "a full service number of 11 or 12 digits")
    .optional(),
});

// ── bodies: the spec's Customer_FVO / Customer_MVO, as far as we store them ──

// No control characters (a NUL cannot be stored in PostgreSQL text: it must be a 400, not a 500).
const shortText = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, "control characters");
const timePeriod = z.object({ startDateTime: z.string().max(40).optional(), endDateTime: z.string().max(40).optional() }).optional();
const mediumBase = { preferred: z.boolean().optional(), contactType: shortText(40).optional(), validFor: timePeriod, id: shortText(40).optional() };

export const contactMedium = z.discriminatedUnion("@type", [
  z.object({ "@type": z.literal("PhoneContactMedium"), ...mediumBase, phoneNumber: shortText(40) }),
  z.object({ "@type": z.literal("EmailContactMedium"), ...mediumBase, emailAddress: shortText(200) }),
  z.object({
    "@type": z.literal("GeographicAddressContactMedium"),
    ...mediumBase,
    stateOrProvince: shortText(100).optional(),
    city: shortText(100).optional(),
    street1: shortText(300).optional(),
    street2: shortText(300).optional(),
    country: shortText(40).optional(),
    postCode: shortText(20).optional(),
  }),
]);
export type TmfContactMedium = z.infer<typeof contactMedium>;

export const characteristic = z.object({
  "@type": shortText(60),
  name: shortText(60),
  valueType: shortText(40).optional(),
  value: z.union([z.string().max(300), z.boolean(), z.number(), z.array(z.string().max(300)).max(100)]),
});
export type TmfCharacteristic = z.infer<typeof characteristic>;

const partyRef = z.object({
  "@type": shortText(60),
  id: shortText(40).optional(),
  href: shortText(300).optional(),
  name: shortText(200).optional(),
  "@referredType": z.enum(["Individual", "Organization"]).optional(),
});

export const customerCreateBody = z.object({
  "@type": z.literal("Customer"),
  name: shortText(200),
  engagedParty: partyRef,
  contactMedium: z.array(contactMedium).min(1).max(10),
  characteristic: z.array(characteristic).max(30).optional(),
  status: shortText(20).optional(),
});
export type CustomerCreateBody = z.infer<typeof customerCreateBody>;

export const customerPatchBody = z.object({
  "@type": z.literal("Customer").optional(),
  name: shortText(200).optional(),
  engagedParty: partyRef.optional(),
  contactMedium: z.array(contactMedium).max(30).optional(),
  characteristic: z.array(characteristic).max(30).optional(),
  status: shortText(20).optional(),
});
export type CustomerPatchBody = z.infer<typeof customerPatchBody>;
