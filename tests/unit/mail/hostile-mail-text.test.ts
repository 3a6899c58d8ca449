import { describe, expect, it } from "vitest";
import { AGENT_MAIL_TEMPLATES, renderAgentMail, type AgentMailTemplate } from "../../../server/agents/agent-mail-templates";
import { MAIL_TEMPLATES, renderMail, type MailTemplateName } from "../../../server/mail/mail-templates";
import { plainMailText } from "../../../server/mail/plain-mail-text";

// Issue 16 item 2: names and every other typed text in every template: one line, no control
// characters, never a link, length-capped. Each template, each language, with hostile input.

const HOSTILE = [
  "Ana\r\nBcc: victim@evil.example\r\n\r\nYour account is locked, log in at https://evil.example/login",
  "Ana\nVisit www.evil.example now",
  "\u202Egnp.exe\u202C Ana \u2066hidden\u2069\u200B",
  "mailto:support@evil.example\u0000\u0007\u001b[31m",
  "evil\u3002example and EVIL.EXAMPLE",
  "x".repeat(10 * 1024),
];

function assertPlain(rendered: { subject: string; text: string }): void {
  expect(rendered.subject).not.toMatch(/[\r\n]/);
  expect(rendered.text).not.toMatch(/\r/);
  for (const part of [rendered.subject, rendered.text]) {
    expect(part.toLowerCase()).not.toContain("evil.example");
    expect(part).not.toMatch(/https?:\/\/evil/i);
    expect(part).not.toMatch(/www\.evil/i);
    const hidden = [...part].filter((c) => {
      const code = c.codePointAt(0)!;
      return (code < 0x20 && code !== 0x0a) || code === 0x7f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || (code >= 0x200b && code <= 0x200f);
    });
    expect(hidden).toEqual([]);
    expect(part).not.toContain("@evil");
  }
  // Our own lines only: a typed text never adds a line ("Bcc:" stays inside the greeting's line).
  expect(rendered.text.split("\n").some((line) => /^\s*Bcc:/i.test(line))).toBe(false);
  expect(rendered.text.length).toBeLessThan(3000);
}

describe("consumer mail templates with hostile typed text", () => {
  const cases = (Object.keys(MAIL_TEMPLATES) as MailTemplateName[]).flatMap((template) =>
    (["en", "es"] as const).flatMap((lang) =>
      [undefined, "signed_permission", "power_of_attorney"].flatMap((authority) => HOSTILE.map((text) => ({ template, lang, authority, text }))),
    ),
  );
  it.each(cases.map((c) => [c.template, c.lang, c.authority ?? "-", c.text.slice(0, 30), c] as const))("%s %s %s %j", (_t, _l, _a, _x, c) => {
    const rendered = renderMail(c.template, c.lang, {
      name: c.text,
      requestId: "01hzzzzzzzzzzzzzzzzzzzzzzz",
      receiptDate: "2026-12-01",
      dueDate: "2027-01-14",
      newDueDate: "2027-02-28",
      statusUrl: "https://privacy.parlay.example/requests/01hzzzzzzzzzzzzzzzzzzzzzzz",
      businessName: "Parlay",
      privacyPolicyUrl: "https://www.parlay.example/legal/privacy",
      code: "123456",
      reason: c.text,
      agentName: c.authority ? c.text : undefined,
      agentAuthority: c.authority as "signed_permission" | "power_of_attorney" | undefined,
    });
    assertPlain(rendered);
    // Our own links still are links.
    if (c.template !== "verification_code" && c.template !== "request_denied_unverified" && c.template !== "request_denied") expect(rendered.text).toContain("https://privacy.parlay.example/requests/");
  });
});

describe("agent mail templates with hostile typed text", () => {
  const cases = (Object.keys(AGENT_MAIL_TEMPLATES) as AgentMailTemplate[]).flatMap((template) => (["en", "es"] as const).flatMap((lang) => HOSTILE.map((text) => ({ template, lang, text }))));
  it.each(cases.map((c) => [c.template, c.lang, c.text.slice(0, 30), c] as const))("%s %s %j", (_t, _l, _x, c) => {
    assertPlain(renderAgentMail(c.template, c.lang, { businessName: "Parlay", url: "https://privacy.parlay.example/authorize/tok", agentName: c.text, agentKind: "business", requestId: "01hzzzzzzzzzzzzzzzzzzzzzzz" }));
  });
});

describe("plainMailText", () => {
  it("keeps ordinary names as typed, in any script", () => {
    for (const name of ["Ana María O'Neil-Pérez", "J. R. R. Tolkien", "李小龍", "محمد علي", "Zoë d’Arc"]) expect(plainMailText(name, 100)).toBe(name);
  });
  it("makes one line, defangs links and caps the length", () => {
    expect(plainMailText("Ana\r\nBcc: x@evil.example", 100)).toBe("Ana Bcc: x[at]evil[.]example");
    expect(plainMailText("see https://evil.example/a", 100)).toBe("see https[:]//evil[.]example/a");
    expect([...plainMailText("x".repeat(10_240), 100)]).toHaveLength(100);
    expect(plainMailText("\u202Eabc\u202C", 100)).toBe("abc");
  });
});
