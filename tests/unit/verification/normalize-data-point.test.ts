import { describe, expect, it } from "vitest";
import { foldText } from "../../../server/verification/fold-text";
import { normalizeDataPoint } from "../../../server/verification/normalize-data-point";
import { normalizePostalAddress } from "../../../server/verification/normalize-postal-address";

describe("foldText", () => {
  it.each([
    ["Zoë Łukasiewicz", "zoe lukasiewicz"],
    ["  ZOE   LUKASIEWICZ ", "zoe lukasiewicz"],
    ["José Núñez", "jose nunez"],
    ["Søren Ærø-Straße", "soren aero strasse"],
    ["O'Brien", "obrien"],
    ["D’Angelo", "dangelo"],
    ["Ａｎａ", "ana"], // full-width letters (NFKD compatibility)
    ["Đorđe İnce", "dorde ince"],
  ])("[CONSUMER]: folds %j to %j", (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });
});

describe("normalizeDataPoint", () => {
  it.each(["(415) 555-0101", "+14155550101", "415.555.0101", "1-415-555-0101", "+1 (415) 555 0101", "415 555 0101"])(
    "[CONSUMER]: reads the phone %j as +14155550101",
    (input) => {
      expect(normalizeDataPoint("phone", input)).toBe("+14155550101");
    },
  );

  it("[CONSUMER]: keeps international numbers international", () => {
    expect(normalizeDataPoint("phone", "+44 20 7946 0958")).toBe("+442079460958");
  });

  it.each(["555-0101", "12", "not a phone", "", "   "])("[SECURITY]: a phone %j that cannot be one is null, so it never matches", (input) => {
    expect(normalizeDataPoint("phone", input)).toBeNull();
  });

  it.each([
    ["1990-04-07", "1990-04-07"],
    ["1990/4/7", "1990-04-07"],
    ["04/07/1990", "1990-04-07"],
    ["4-7-1990", "1990-04-07"],
    ["4.7.1990", "1990-04-07"],
  ])("[CONSUMER]: reads the birth date %j as %j", (input, expected) => {
    expect(normalizeDataPoint("dateOfBirth", input)).toBe(expected);
  });

  it.each(["1990-02-30", "13/01/1990", "07 April 1990", "1990"])("[SECURITY]: an impossible or unreadable date %j is null", (input) => {
    expect(normalizeDataPoint("dateOfBirth", input)).toBeNull();
  });

  it("[CONSUMER]: compares e-mail addresses without case, and nothing else", () => {
    expect(normalizeDataPoint("email", "  Ana@Example.TEST ")).toBe("ana@example.test");
    expect(normalizeDataPoint("email", "a.n.a+x@example.test")).toBe("a.n.a+x@example.test");
  });

  it("[CONSUMER]: reads customer numbers without spaces, dashes or case", () => {
    expect(normalizeDataPoint("customerNumber", "AB-0012 34")).toBe("ab001234");
    expect(normalizeDataPoint("customerNumber", "--")).toBeNull();
  });

  it("[CONSUMER]: folds names", () => {
    expect(normalizeDataPoint("fullName", "Zoë  Łukasiewicz")).toBe("zoe lukasiewicz");
    expect(normalizeDataPoint("fullName", null)).toBeNull();
  });
});

describe("normalizePostalAddress", () => {
  const canonical = { street: "123 main st # 4", city: "san francisco", state: "ca", zip5: "94110" };

  it.each([
    { street: "123 Main Street, Apt. 4", city: "San Francisco", state: "California", postalCode: "94110-1234" },
    { street: "123 MAIN ST #4", city: "san francisco", state: "CA", postalCode: "94110" },
    { street: "123 Main St Apartment 4", city: "San Francisco", state: "ca", postalCode: "941101234" },
    { street: "123 Main St., Unit 4", city: "San  Francisco", state: "Calif.", postalCode: "94110" },
    { street: "123 Main Street Apt #4", city: "San Francisco", state: "CA", postalCode: "94110-0001" },
    { street: "123 Main St Apt No. 4", city: "San Francisco", state: "CA", postalCode: "94110" },
  ])("[CONSUMER]: normalises %j to one form", (address) => {
    expect(normalizePostalAddress(address)).toEqual(canonical);
  });

  it("[CONSUMER]: abbreviates USPS street words and directions", () => {
    expect(normalizePostalAddress({ street: "500 North Sunset Boulevard, Suite 200" })?.street).toBe("500 n sunset blvd # 200");
    expect(normalizePostalAddress({ street: "P.O. Box 77" })?.street).toBe("po box 77");
    expect(normalizePostalAddress({ street: "1 No Name Road" })?.street).toBe("1 no name rd");
  });

  it("[CONSUMER]: maps state names to codes and keeps ZIP5 only", () => {
    expect(normalizePostalAddress({ street: "1 A St", state: "New York", postalCode: "10001-0001" })).toMatchObject({ state: "ny", zip5: "10001" });
    expect(normalizePostalAddress({ street: "1 A St", state: "District of Columbia", postalCode: "200" })).toMatchObject({ state: "dc", zip5: null });
  });

  it("[SECURITY]: an address without a street is no address", () => {
    expect(normalizePostalAddress({ street: " , " })).toBeNull();
    expect(normalizePostalAddress(null)).toBeNull();
  });
});
