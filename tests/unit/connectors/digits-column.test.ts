import { describe, expect, it } from "vitest";
import { checkDigitsColumn, digitsColumnsOf, type MysqlColumnFacts } from "../../../server/connectors/sql/read-sql-columns";

/**
 * A generated `<column>_rtk_digits` column stands in for the digits expression only when a lookup
 * through it returns exactly the rows the expression would (ADR 051): same expression, however the
 * server respells it, same collation, never shorter.
 */
const phone: MysqlColumnFacts = { columnType: "varchar(32)", nullable: true, charset: "utf8mb4", collation: "utf8mb4_unicode_ci", maxLength: 32, generation: null };
const PUNCTUATION = [" ", "-", "(", ")", ".", "+", "/"];
// As MariaDB 10.11 keeps it in information_schema.COLUMNS.GENERATION_EXPRESSION.
const MARIADB = PUNCTUATION.reduce((e, ch) => `replace(${e},'${ch}','')`, "`phone`");
// As MySQL 8 keeps it: charset introducers, quotes escaped.
const MYSQL8 = PUNCTUATION.reduce((e, ch) => `replace(${e},_utf8mb4\\'${ch}\\',_utf8mb4\\'\\')`, "`phone`");

const factsWith = (helper: Partial<MysqlColumnFacts>) =>
  new Map<string, MysqlColumnFacts>([
    ["users.phone", phone],
    ["users.phone_rtk_digits", { ...phone, generation: MARIADB, ...helper }],
  ]);

describe("the generated digits column of a MySQL/MariaDB lookup column (ADR 051)", () => {
  it("is used whether MariaDB or MySQL 8 spelled its expression", () => {
    expect(checkDigitsColumn(factsWith({}), "users", "phone")).toEqual({ name: "phone_rtk_digits", problem: null });
    expect(checkDigitsColumn(factsWith({ generation: MYSQL8 }), "users", "phone")).toEqual({ name: "phone_rtk_digits", problem: null });
    expect(digitsColumnsOf(factsWith({}))).toEqual(new Map([["users.phone", "phone_rtk_digits"]]));
  });

  it("is not used, and says why, when a lookup through it could find other rows than the expression", () => {
    const problem = (helper: Partial<MysqlColumnFacts>) => checkDigitsColumn(factsWith(helper), "users", "phone")?.problem;
    // A stored copy, not generated: it may be stale.
    expect(problem({ generation: null })).toMatch(/not generated as replace\(/);
    // Fewer characters stripped: "+1 415" would keep its "+".
    expect(problem({ generation: "replace(`phone`,' ','')" })).toMatch(/not generated as/);
    // A binary collation compares what the column's own collation folds.
    expect(problem({ collation: "utf8mb4_bin" })).toMatch(/collation is not utf8mb4_unicode_ci/);
    // A value longer than the column would be cut short.
    expect(problem({ maxLength: 16 })).toMatch(/shorter than phone/);
    expect(digitsColumnsOf(factsWith({ collation: "utf8mb4_bin" })).size).toBe(0);
  });

  it("is none when the table has no column of that name", () => {
    expect(checkDigitsColumn(new Map([["users.phone", phone]]), "users", "phone")).toBeNull();
  });
});
