import { describe, expect, it } from "vitest";
import type { HeldIdentity, SubmittedIdentity } from "../../../server/verification/data-points.shared";
import { matchDataPoints } from "../../../server/verification/match-data-points";

const held: HeldIdentity = {
  email: "zoe@example.test",
  phone: "+14155550101",
  fullName: "Zoë Łukasiewicz",
  postalAddress: { street: "123 Main Street, Apt. 4", city: "San Francisco", state: "California", postalCode: "94110-1234" },
  dateOfBirth: "1990-04-07",
  customerNumber: "C-000123",
};

function submit(overrides: Partial<SubmittedIdentity> = {}): SubmittedIdentity {
  return { requestType: "categories", email: "Zoe@Example.test", emailVerified: true, declarationSigned: false, ...overrides };
}

describe("matchDataPoints (11 CCR 7062)", () => {
  it("[CONSUMER]: RTK-C with 2 of 2 matching (verified e-mail + phone) is verified to a reasonable degree (R15)", () => {
    expect(matchDataPoints(submit({ phone: "(415) 555-0101" }), held)).toEqual({
      matched: ["email", "phone"],
      level: "reasonable",
      outcome: "verified",
      message: null,
      rulesVersion: expect.any(String),
    });
  });

  it("[CONSUMER]: RTK-C with 1 of 2 matching is not verified, with M-UNV-CAT (X2)", () => {
    const result = matchDataPoints(submit({ phone: "(415) 555-0199" }), held);
    expect(result).toMatchObject({ matched: ["email"], level: "none", outcome: "unverifiable", message: "M-UNV-CAT" });
  });

  it("[SECURITY]: an e-mail counts only once the code proved it", () => {
    const result = matchDataPoints(submit({ emailVerified: false, phone: "415-555-0101" }), held);
    expect(result).toMatchObject({ matched: ["phone"], level: "none", outcome: "unverifiable" });
  });

  it("[CONSUMER]: RTK-SP with 3 matching and a signed declaration is verified to a reasonably high degree (R16)", () => {
    const result = matchDataPoints(submit({ requestType: "specific", declarationSigned: true, phone: "+1 415 555 0101", dateOfBirth: "4/7/1990" }), held);
    expect(result).toMatchObject({ matched: ["email", "phone", "dateOfBirth"], level: "reasonably_high", outcome: "verified", message: null });
  });

  it("[CONSUMER]: RTK-SP with 2 of 3 matching and a declaration is downgraded to categories with M-UNV-SP (X1)", () => {
    const result = matchDataPoints(submit({ requestType: "specific", declarationSigned: true, phone: "4155550101", dateOfBirth: "1991-04-07" }), held);
    expect(result).toMatchObject({ matched: ["email", "phone"], level: "reasonable", outcome: "downgraded", message: "M-UNV-SP" });
  });

  it("[CONSUMER]: RTK-SP with 3 matching but no declaration is downgraded too (R16)", () => {
    const result = matchDataPoints(submit({ requestType: "specific", phone: "4155550101", customerNumber: "c000123" }), held);
    expect(result).toMatchObject({ matched: ["email", "phone", "customerNumber"], level: "reasonable", outcome: "downgraded", message: "M-UNV-SP" });
  });

  it("[CONSUMER]: RTK-SP with 1 matching is refused outright (7062(f))", () => {
    const result = matchDataPoints(submit({ requestType: "specific", declarationSigned: true, phone: "4155550199" }), held);
    expect(result).toMatchObject({ matched: ["email"], level: "none", outcome: "unverifiable", message: "M-UNV-SP" });
  });

  it("[CONSUMER]: matches accents, case and spacing in names (Zoë Łukasiewicz = zoe lukasiewicz)", () => {
    expect(matchDataPoints(submit({ fullName: "zoe  lukasiewicz" }), held).matched).toEqual(["email", "fullName"]);
    expect(matchDataPoints(submit({ fullName: "Zoë Maria Łukasiewicz" }), held).matched).toEqual(["email", "fullName"]);
  });

  it("[CONSUMER]: matches the same address however it is written", () => {
    const address = { street: "123 main st #4", city: "SF", state: "CA", postalCode: "94110" };
    expect(matchDataPoints(submit({ postalAddress: address }), held).matched).toEqual(["email", "postalAddress"]);
  });

  it("[SECURITY]: a different unit, street number or ZIP is a different address", () => {
    for (const street of ["123 Main St Apt 5", "125 Main St Apt 4", "123 Main St"]) {
      expect(matchDataPoints(submit({ postalAddress: { ...held.postalAddress!, street } }), held).matched).toEqual(["email"]);
    }
    expect(matchDataPoints(submit({ postalAddress: { ...held.postalAddress!, postalCode: "94111" } }), held).matched).toEqual(["email"]);
  });

  it("[CONSUMER]: without a ZIP on one side, the city and state must agree", () => {
    const noZip = { street: "123 Main St Apt 4", city: "San Francisco", state: "CA" };
    expect(matchDataPoints(submit({ postalAddress: noZip }), held).matched).toEqual(["email", "postalAddress"]);
    expect(matchDataPoints(submit({ postalAddress: { ...noZip, city: "Oakland" } }), held).matched).toEqual(["email"]);
  });

  it("[SECURITY]: namesakes never match: José Núñez is not José Núñez Ortega, and their e-mails differ", () => {
    const joseNunez: HeldIdentity = { email: "jose.nunez@example.test", fullName: "José Núñez", phone: "+14155550111" };
    const joseNunezOrtega: HeldIdentity = { email: "jnortega@example.test", fullName: "José Núñez Ortega", phone: "+14155550122" };
    const asked = submit({ email: "jose.nunez@example.test", fullName: "Jose Nunez", phone: "(415) 555-0122" });

    // Against the namesake's record: not the e-mail, not the name (different last word), only the phone.
    expect(matchDataPoints(asked, joseNunezOrtega)).toMatchObject({ matched: ["phone"], level: "none", outcome: "unverifiable" });
    // Against his own record: e-mail and name.
    expect(matchDataPoints(asked, joseNunez)).toMatchObject({ matched: ["email", "fullName"], level: "reasonable" });
    // And the other way round.
    expect(matchDataPoints(submit({ email: "jnortega@example.test", fullName: "José Núñez" }), joseNunezOrtega).matched).toEqual(["email"]);
  });

  it("[SECURITY]: no partial or one-word name matches", () => {
    for (const fullName of ["Zoë", "Łukasiewicz", "Zoe Lukasiewic", "Zo Lukasiewicz"]) {
      expect(matchDataPoints(submit({ fullName }), held).matched).toEqual(["email"]);
    }
  });

  it("[SECURITY]: points the business judged unreliable never count (R15)", () => {
    const result = matchDataPoints(submit({ fullName: "Zoe Lukasiewicz" }), held, { unreliable: ["fullName"] });
    expect(result).toMatchObject({ matched: ["email"], level: "none", outcome: "unverifiable" });
  });

  it("[SECURITY]: a point the business does not hold cannot match, even when both are empty", () => {
    const sparse: HeldIdentity = { email: "zoe@example.test" };
    const result = matchDataPoints(submit({ phone: "", fullName: "", dateOfBirth: "", customerNumber: "" }), { ...sparse, phone: "", fullName: null });
    expect(result.matched).toEqual(["email"]);
  });
});
