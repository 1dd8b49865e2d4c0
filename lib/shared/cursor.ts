// Opaque keyset cursor over (timestamp, id): base64url of [ISO time, id]. A cursor that does not
// decode to exactly that shape is treated as "no cursor" (first page), never as an error.

export function encodeTimeCursor(at: Date, id: number): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");
}

export function decodeTimeCursor(c: string | null | undefined): [Date, number] | null {
  if (!c) return null;
  try {
    const v = JSON.parse(Buffer.from(c, "base64url").toString("utf8"));
    if (Array.isArray(v) && typeof v[0] === "string" && Number.isInteger(v[1]) && !Number.isNaN(Date.parse(v[0]))) return [new Date(v[0]), v[1]];
  } catch {}
  return null;
}
