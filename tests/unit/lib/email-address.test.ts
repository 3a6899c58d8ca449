import { describe, expect, it } from "vitest";
import { parseEmailAddress } from "../../../server/lib/email-address";

// Issue 14.6: every real address, one validator (RFC 5321 lengths, RFC 6531 local parts, IDNA domains).
describe("parseEmailAddress", () => {
  it("[VERIFY]: accepts internationalised addresses and gives one normal form (NFC, case-folded)", () => {
    expect(parseEmailAddress("stanisław.wójcik@wp.pl")).toEqual({ ok: true, address: "stanisław.wójcik@wp.pl" });
    // The same name typed with combining accents (NFD) is the same address.
    expect(parseEmailAddress("Stanisl\u0307aw.Wo\u0301jcik@WP.PL ".normalize("NFD"))).toEqual({ ok: true, address: "stanisl\u0307aw.wójcik@wp.pl".normalize("NFC") });
    expect(parseEmailAddress("José.Núñez@SolYSombra.example")).toEqual({ ok: true, address: "josé.núñez@solysombra.example" });
    expect(parseEmailAddress("user@MÜNCHEN.de")).toEqual({ ok: true, address: "user@münchen.de" });
    expect(parseEmailAddress("user@xn--mnchen-3ya.de")).toEqual({ ok: true, address: "user@münchen.de" });
    expect(parseEmailAddress("用户@例子.广告")).toEqual({ ok: true, address: "用户@例子.广告" });
    expect(parseEmailAddress("o'brien+rtk@example.co.uk")).toEqual({ ok: true, address: "o'brien+rtk@example.co.uk" });
  });

  it("[VERIFY]: says what is wrong with a malformed address", () => {
    const problem = (s: string) => {
      const r = parseEmailAddress(s);
      return r.ok ? "ok" : r.problem;
    };
    expect(problem("")).toBe("empty");
    expect(problem("stanisław.wójcik.wp.pl")).toBe("no_at");
    expect(problem("@wp.pl")).toBe("local_empty");
    expect(problem(`${"ł".repeat(33)}@wp.pl`)).toBe("local_too_long"); // 66 bytes in UTF-8
    expect(problem(`${"a".repeat(64)}@wp.pl`)).toBe("ok");
    expect(problem("jan kowalski@wp.pl")).toBe("local_invalid");
    expect(problem("jan..kowalski@wp.pl")).toBe("local_invalid");
    expect(problem(".jan@wp.pl")).toBe("local_invalid");
    expect(problem("jan\u202E@wp.pl")).toBe("local_invalid");
    expect(problem("jan\n@wp.pl")).toBe("local_invalid");
    expect(problem("jan@wp")).toBe("domain_invalid");
    expect(problem("jan@-wp.pl")).toBe("domain_invalid");
    expect(problem("jan@wp..pl")).toBe("domain_invalid");
    expect(problem("jan@wp_pl.pl")).toBe("domain_invalid");
    expect(problem("jan@[127.0.0.1]")).toBe("domain_invalid");
    expect(problem("jan@wp.pl\r\nBcc: x@y.example")).toBe("local_invalid");
    expect(problem(`${"j".repeat(60)}@${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.pl`)).toBe("too_long");
  });
});
