import { describe, expect, it } from "vitest";
import { sniffDocumentType } from "../../../server/agents/sniff-document-type";

// Issue 8: the signed permission's type is decided by its bytes, never by its name or the browser.
describe("sniffDocumentType", () => {
  it("[AGENT]: should accept PDF, PNG and JPEG by their magic bytes", () => {
    expect(sniffDocumentType(Buffer.from("%PDF-1.7\n%âãÏÓ\n"))).toEqual({ ok: true, mimeType: "application/pdf" });
    expect(sniffDocumentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toEqual({ ok: true, mimeType: "image/png" });
    expect(sniffDocumentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]))).toEqual({ ok: true, mimeType: "image/jpeg" });
  });

  it("[SECURITY]: should refuse HTML, SVG, XML and executables even when they would be named .pdf", () => {
    const refused = [
      "<!DOCTYPE html><html><script>alert(1)</script>",
      "<html><body>%PDF-1.7</body></html>",
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      '<?xml version="1.0"?><svg/>',
      "\ufeff%PDF-1.7",
      "  %PDF-1.7",
    ].map((text) => Buffer.from(text, "utf8"));
    refused.push(Buffer.from([0x4d, 0x5a, 0x90, 0x00]), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from([0xff, 0xd8]));
    for (const bytes of refused) expect(sniffDocumentType(bytes)).toEqual({ ok: false, reason: "wrong_type" });
  });

  it("[AGENT]: should call an empty upload empty, not of the wrong type", () => {
    expect(sniffDocumentType(Buffer.alloc(0))).toEqual({ ok: false, reason: "empty" });
  });
});
