import { describe, expect, it } from "vitest";
import { parseExerciseClaims } from "../../../server/drp/drp-exercise-claims";
import { naturalNameOrder } from "../../../server/lib/natural-name-order";
import { matchDataPoints } from "../../../server/verification/match-data-points";

// Issue 16 item 7: what the DRP reference agent (OSIRAA) really sends, read as it means it.
const base = { "drp.version": "1.0", exercise: "access", regime: "ccpa", name: "Olivia Bennett", email: "olivia@example.com" };
const parse = (claims: Record<string, unknown>) => parseExerciseClaims({ ...base, ...claims }, { isProduction: false });

describe("DRP names sent as \"Last, First\"", () => {
  it.each([
    ["Bennett, Olivia", "Olivia Bennett"],
    ["  Núñez Ortega ,  José ", "José Núñez Ortega"],
    ["Olivia Bennett", "Olivia Bennett"],
    ["Smith, Jr.", "Smith, Jr."], // a suffix, not a first name
    ["Bennett, Olivia, Jr.", "Bennett, Olivia, Jr."], // two commas: no guess
    [",Olivia", ",Olivia"],
  ])("[DRP]: %j is spoken as %j", (input, expected) => {
    expect(naturalNameOrder(input)).toBe(expected);
  });

  it("[DRP]: \"Bennett, Olivia\" matches the business's \"Olivia Bennett\" (and the other way round)", () => {
    const submitted = { requestType: "categories" as const, email: "olivia@example.com", emailVerified: true, declarationSigned: false };
    expect(matchDataPoints({ ...submitted, fullName: "Bennett, Olivia" }, { email: "olivia@example.com", fullName: "Olivia Bennett" }).matched).toEqual(["email", "fullName"]);
    expect(matchDataPoints({ ...submitted, fullName: "Olivia Bennett" }, { email: "olivia@example.com", fullName: "BENNETT, Olivia" }).matched).toEqual(["email", "fullName"]);
    // Still exact: another first name does not match.
    expect(matchDataPoints({ ...submitted, fullName: "Bennett, Oliver" }, { email: "olivia@example.com", fullName: "Olivia Bennett" }).matched).toEqual(["email"]);
  });
});

describe("DRP address claims", () => {
  it.each(["\n", " , ", ",\n,", "  "])("[DRP]: a street of only separators (%j) is no address, never \",\"", (street) => {
    expect(parse({ address: { street_address: street, locality: "Oakland", region: "CA", postal_code: "94612" } }).address).toBeNull();
  });

  it("[DRP]: the reference agent's two street lines become one street", () => {
    expect(parse({ address: { street_address: "1458 Valencia Street\nApt 3", locality: "San Francisco", region: "CA", postal_code: "94110" } }).address).toEqual({
      street: "1458 Valencia Street, Apt 3",
      city: "San Francisco",
      state: "CA",
      postalCode: "94110",
    });
  });

  it("[DRP]: an address sent as a string is read as `formatted`", () => {
    expect(parse({ address: "1458 Valencia Street, Apt 3, San Francisco, CA 94110" }).address).toEqual({ street: "1458 Valencia Street, Apt 3", city: "San Francisco", state: "CA", postalCode: "94110" });
    expect(parse({ address: "1458 Valencia Street\nSan Francisco CA 94110-1234\nUSA" }).address).toEqual({ street: "1458 Valencia Street", city: "San Francisco", state: "CA", postalCode: "94110-1234" });
    expect(parse({ address: "12 Broadway, New York, New York 10004" }).address).toEqual({ street: "12 Broadway", city: "New York", state: "New York", postalCode: "10004" });
    // The object's formatted, when it has no street_address.
    expect(parse({ address: { formatted: "1 Main St, Oakland, CA 94612" } }).address).toEqual({ street: "1 Main St", city: "Oakland", state: "CA", postalCode: "94612" });
  });

  it("[DRP]: a string that is not a US address shape is kept whole, and one of only separators is absent", () => {
    expect(parse({ address: "Somewhere without a ZIP" }).address).toEqual({ street: "Somewhere without a ZIP", city: null, state: null, postalCode: null });
    expect(parse({ address: " ,\n " }).address).toBeNull();
  });
});
