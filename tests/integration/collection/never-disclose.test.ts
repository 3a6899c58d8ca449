import type { KyselyPlugin, PluginTransformResultArgs, QueryResult, UnknownRow } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPerson } from "../../../db/demo-business/demo-people";
import { sourceDialects } from "../../support/dialects";
import { byEmail, createDemoSource, fieldOf, recordsOf, type DemoSource } from "./fixtures";

const marcus = demoPerson("never_disclose");
const secrets = marcus.neverDisclose!;
/** Every value 11 CCR 7024(d) forbids disclosing that the demo business holds about Marcus. */
const RAW_VALUES = [
  secrets.ssn,
  secrets.ssn.replace(/-/g, ""),
  secrets.driversLicenseNumber,
  secrets.bankAccountNumber,
  secrets.passportNumber,
  secrets.passwordHash,
  secrets.securityQuestion,
  secrets.securityAnswer,
];

/** Sees every row the database driver hands to Kysely, before any of our code does. */
function rowSpy(): { plugin: KyselyPlugin; text: () => string } {
  const rows: string[] = [];
  return {
    plugin: {
      transformQuery: (args) => args.node,
      async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
        rows.push(JSON.stringify(args.result.rows));
        return args.result;
      },
    },
    text: () => rows.join("\n"),
  };
}

describe.each(sourceDialects())("never-disclose values on $name (11 CCR 7024(d); R31; X13)", (dialect) => {
  let demo: DemoSource;
  beforeAll(async () => {
    demo = await createDemoSource(dialect);
  });
  afterAll(async () => {
    await demo?.cleanup();
  });

  it("[SECURITY]: appear nowhere: not in the spool, the summary or the logs, and are never even read from the database", async () => {
    const spy = rowSpy();
    const run = await demo.collect(byEmail(marcus), "since_2022", { db: demo.t.db.withPlugin(spy.plugin) });
    expect(run.summary.complete).toBe(true);
    expect(run.records.length).toBeGreaterThan(10);
    expect(run.logText.length).toBeGreaterThan(0);
    // The spy does see the rows collection streams (his e-mail address is in them)...
    expect(spy.text()).toContain(marcus.email);
    for (const value of RAW_VALUES) {
      expect(run.spoolText).not.toContain(value);
      expect(run.summaryText).not.toContain(value);
      expect(run.logText).not.toContain(value);
      // ...but not one never-disclose value: the SQL asks whether a value exists, not what it is.
      expect(spy.text()).not.toContain(value);
    }
    // Personal data stays out of the logs altogether: ids, codes and counts only.
    expect(run.logText).not.toContain(marcus.email);
    expect(run.logText).not.toContain(marcus.fullName);
  });

  it("[SECURITY]: says with particularity which types were collected, in the records and in the summary", async () => {
    const run = await demo.collect(byEmail(marcus), "since_2022");
    expect(run.summary.withheld.map((w) => [w.type, w.count])).toEqual([
      ["ssn", 2],
      ["drivers_license", 1],
      ["passport", 1],
      ["financial_account", 1],
      ["password", 1],
      ["security_question", 1],
      ["security_answer", 1],
    ]);
    expect(run.summary.withheld[0]!.label.en).toBe("Social Security number");

    const application = recordsOf(run, "credit_applications")[0]!;
    expect(fieldOf(application, "credit_applications.ssn")).toEqual({
      fieldId: "credit_applications.ssn",
      label: { en: "Social Security number", es: "Número de Seguro Social" },
      categories: ["A", "B", "L"],
      sensitive: true,
      value: null,
      withheld: { type: "ssn" },
    });
    // The state that issued the licence is not on the list, so it is disclosed.
    expect(fieldOf(application, "credit_applications.drivers_license_state")?.value).toBe(secrets.driversLicenseState);
    // The kiosk recorded a passport: the type follows photo_id_type ("sufficient particularity").
    const visit = recordsOf(run, "office_visits")[0]!;
    expect(fieldOf(visit, "office_visits.photo_id_number")?.withheld).toEqual({ type: "passport" });
    const user = recordsOf(run, "users")[0]!;
    expect(["password_hash", "security_question", "security_answer"].map((c) => fieldOf(user, `users.${c}`)?.withheld?.type)).toEqual([
      "password",
      "security_question",
      "security_answer",
    ]);
    // The export of the old CRM held his taxpayer number too: dropped while parsing the CSV.
    expect(fieldOf(recordsOf(run, "legacy_contacts")[0]!, "legacy_contacts.tax_id")?.withheld).toEqual({ type: "ssn" });
    const l = run.summary.categories.find((c) => c.category === "L")!;
    expect(l.collected).toBe(true);
  });

  it("[SECURITY]: a never-disclose column the source leaves empty is not reported as collected", async () => {
    const run = await demo.collect(byEmail(demoPerson("heavy")), "since_2022");
    // Grace Liu signs in with single sign-on: no password hash, no security question.
    expect(run.summary.withheld).toEqual([]);
    const user = recordsOf(run, "users")[0]!;
    expect(fieldOf(user, "users.password_hash")).toBeUndefined();
  });
});
