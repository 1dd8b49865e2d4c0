import { describe, expect, test } from "vitest";
import { attachmentTypeOf, detectAttachmentType } from "@/lib/complaints/attachment-type";

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe1, 0, 0x10);
const PDF = text("%PDF-1.7\n%âãÏÓ\n");

describe("attachments are typed by their first bytes", () => {
  test.each([
    ["PNG", PNG, "image/png"],
    ["JPEG", JPEG, "image/jpeg"],
    ["PDF", PDF, "application/pdf"],
    ["UTF-8 text", text("话费多扣了 58.00 元\r\n\tplan fee"), "text/plain"],
    ["GB18030 text", bytes(0xbb, 0xb0, 0xb7, 0xd1, 0x0a), "text/plain"],
    ["a ZIP (an .docx)", bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00), null],
    ["a GIF (not allowed)", bytes(0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x00, 0x01), null],
    ["a Windows executable", bytes(0x4d, 0x5a, 0x90, 0x00, 0x03), null],
    ["a truncated PNG signature", bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a), null],
    ["nothing", bytes(), null],
  ])("%s", (_, data, want) => expect(detectAttachmentType(data)).toBe(want));

  test.each([
    ["a real PNG named .png", "image/png", PNG, "image/png"],
    ["an HTML page named .png", "image/png", text("<!doctype html><script>alert(1)</script>"), null],
    ["an SVG named .jpg", "image/jpeg", text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), null],
    ["text named .pdf", "application/pdf", text("hello"), null],
    ["a JPEG named .png is stored as JPEG", "image/png", JPEG, "image/jpeg"],
    ["a PDF sent as text is stored as PDF", "text/plain", PDF, "application/pdf"],
    ["plain text as text", "text/plain", text("plan fee 58.00"), "text/plain"],
    ["binary junk named .txt", "text/plain", bytes(0x00, 0x01, 0xfe), null],
  ])("%s", (_, claimed, data, want) => expect(attachmentTypeOf(claimed, data)).toBe(want));
});
