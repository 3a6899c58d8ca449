import { isCalendarDate } from "../lib/calendar-date";
import { naturalNameOrder } from "../lib/natural-name-order";
import { normalizePhone } from "../lib/normalize-phone";
import type { DataPointName } from "./data-points.shared";
import { foldText } from "./fold-text";

export type ScalarDataPointName = Exclude<DataPointName, "postalAddress">;

/**
 * The comparable form of one data point, or null when the value cannot be a valid one (and so
 * can never match). Addresses have their own normalizePostalAddress. Pure; no value is logged.
 *
 * - email: trimmed, lower case (create-request stores it that way). No Gmail dot or "+tag"
 *   folding: two such addresses may be different people, and a false match discloses.
 * - phone: E.164 via libphonenumber-js, US by default: "(415) 555-0101" -> "+14155550101".
 * - fullName: folded text (fold-text.ts) in spoken order: "Bennett, Olivia" is "olivia bennett"
 *   (natural-name-order.ts); name matching rules are in match-data-points.ts.
 * - dateOfBirth: "YYYY-MM-DD" from ISO, "YYYY/MM/DD" or US "M/D/YYYY" (also with - or .).
 * - customerNumber: folded, letters and digits only: "AB-0012 34" -> "ab001234".
 *
 * @example normalizeDataPoint("phone", "415.555.0101") // "+14155550101"
 */
export function normalizeDataPoint(name: ScalarDataPointName, value: string | null | undefined): string | null {
  if (typeof value !== "string" || value.trim() === "") return null;
  switch (name) {
    case "email":
      return value.normalize("NFC").trim().toLowerCase() || null;
    case "phone":
      return normalizePhone(value);
    case "fullName":
      return foldText(naturalNameOrder(value)) || null;
    case "dateOfBirth":
      return normalizeDate(value.trim());
    case "customerNumber":
      return foldText(value).replace(/ /g, "") || null;
    default: {
      const unreachable: never = name;
      return unreachable;
    }
  }
}

function normalizeDate(value: string): string | null {
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  const us = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1], us[2]] : [];
  if (!year || !month || !day) return null;
  const date = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  return isCalendarDate(date) ? date : null;
}
