const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?$/;
/** Digits a double carries exactly through JSON text: any decimal of 15 significant digits prints back as itself. */
const EXACT_DIGITS = 15;

/**
 * A DECIMAL/NUMERIC value, the same on every dialect (docs/decisions/023): a JSON number when the
 * number's JSON text is the decimal itself (at most 15 significant digits: "1234.50" -> 1234.5,
 * every cent kept), otherwise the exact decimal as a string ("12345678901234567.89"), never a
 * rounded number. MariaDB and PostgreSQL hand decimals over as text; SQLite, which has no decimal
 * type, as the number it stores. Text that is not a plain decimal ("NaN", "1e5") stays as held.
 *
 * @example toDecimal("1234.50") // 1234.5
 * @example toDecimal("-0.010") // -0.01
 * @example toDecimal("12345678901234567.89") // "12345678901234567.89"
 */
export function toDecimal(value: string | number): string | number {
  if (typeof value === "number") return value;
  const m = DECIMAL.exec(value.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return value;
  const whole = m[2]!.replace(/^0+/, "");
  const fraction = (m[3] ?? "").replace(/0+$/, "");
  const digits = `${whole}${fraction}`.replace(/^0+/, "");
  if (digits.length > EXACT_DIGITS) {
    // Canonical text (no superfluous zeros) so that "12.50" and "12.5" held alike print alike.
    return `${m[1] === "-" ? "-" : ""}${whole || "0"}${fraction ? `.${fraction}` : ""}`;
  }
  const n = Number(`${m[1] ?? ""}${whole || "0"}.${fraction || "0"}`);
  return Object.is(n, -0) ? 0 : n;
}
