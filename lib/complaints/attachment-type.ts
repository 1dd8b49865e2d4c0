// What an uploaded attachment really is, from its first bytes (pure, no I/O). The browser's MIME
// type is only the file name's extension: an HTML page renamed .png arrives as image/png.
import type { ATTACHMENT_TYPES } from "@/lib/complaints/schemas";

export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** The allow-listed binary formats and their signatures (offset 0). */
const SIGNATURES: Array<[AttachmentType, number[]]> = [
  ["image/png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ["image/jpeg", [0xff, 0xd8, 0xff]],
  ["application/pdf", [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
];

/**
 * Plain text has no signature: no NUL and no control characters other than tab, line feed,
 * form feed and carriage return (UTF-8 and GB18030 text alike; a binary file fails within its
 * first bytes).
 */
function isPlainText(data: Uint8Array): boolean {
  for (const b of data) if (b === 0x7f || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d)) return false;
  return true;
}

/** The allow-listed type the bytes are, or null when they are none of them. */
export function detectAttachmentType(data: Uint8Array): AttachmentType | null {
  if (data.byteLength === 0) return null;
  for (const [type, sig] of SIGNATURES) if (data.byteLength >= sig.length && sig.every((b, i) => data[i] === b)) return type;
  return isPlainText(data) ? "text/plain" : null;
}

/**
 * The type an attachment is stored (and later served) as: the detected one. Null refuses it: its
 * bytes are no allow-listed format, or it claims a binary format but is text (an HTML or SVG page
 * named .png). A binary file with the wrong extension (a JPEG named .png) is stored as what it is.
 */
export function attachmentTypeOf(claimed: string, data: Uint8Array): AttachmentType | null {
  const detected = detectAttachmentType(data);
  if (!detected) return null;
  if (detected === "text/plain" && claimed !== "text/plain") return null;
  return detected;
}
