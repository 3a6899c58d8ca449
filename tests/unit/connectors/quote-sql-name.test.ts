import { describe, expect, it } from "vitest";
import { quoteSqlName } from "../../../server/connectors/sql/quote-sql-name";

// The statements datamap check prints must run as printed (ADR 061): reserved words quoted on every
// dialect, capitals on PostgreSQL, ordinary names left bare for a person to read.
describe("quoteSqlName", () => {
  it("quotes reserved and mixed-case names as each dialect reads them, and leaves ordinary names bare", () => {
    expect(quoteSqlName("mysql", "order")).toBe("`order`");
    expect(quoteSqlName("sqlite", "Group")).toBe('"Group"');
    expect(quoteSqlName("postgres", "user")).toBe('"user"');
    expect(quoteSqlName("postgres", "CustomerEmail")).toBe('"CustomerEmail"');
    expect(quoteSqlName("mysql", "CustomerEmail")).toBe("CustomerEmail");
    expect(quoteSqlName("sqlite", "conversation_id")).toBe("conversation_id");
    expect(quoteSqlName("postgres", 'odd"name')).toBe('"odd""name"');
  });
});
