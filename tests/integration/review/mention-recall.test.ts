import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoBusinessDb } from "../../../db/demo-business/schema";
import { seedDemoBusiness } from "../../../db/demo-business/seed-demo-business";
import { OPENERS } from "../../../db/demo-business/word-lists";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { mentionSpans, ownIdentifiers } from "../../../server/review/build-review-index";
import { findMentionCandidates } from "../../../server/review/find-mention-candidates";
import { lookUpKnownPeople } from "../../../server/review/look-up-known-people";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { createMigratedContext, createTestContext, durableDialects } from "../../support/test-context";

// Recall and precision of the mentions the review desk flags (issue 17, item 3; R30, 1798.145(k)),
// measured on the demo business's support messages. The demo seeds a known set, deterministically:
// every customer message written from a "colleague" template names another user of the same
// workspace (3% of generated users' openers, and Olivia Bennett's message naming Priya Raman).
// The truth comes from the templates, not from the detector: a message is a mention when it matches
// a colleague template. Each message is checked as if its author were the requester.

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const COLLEAGUE_TEMPLATES = [...OPENERS.en, ...OPENERS.es]
  .filter((t) => t.colleague)
  .map((t) => new RegExp(`^${escape(t.body).replace(/\\\{(colleague|colleagueFirst|company|first)\\\}/g, ".+?")}$`, "u"));

describe.each(testDialects())("mentions of other people in the demo business on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let source: TestDatabase<DemoBusinessDb>;
  let ctx: AppContext;

  beforeAll(async () => {
    ({ t } = await createMigratedContext(dialect));
    // Durable: lookUpKnownPeople opens the source by its URL, as the portal does (an in-memory SQLite would be another, empty one).
    source = await durableDialects().find((d) => d.name === dialect.name)!.create<DemoBusinessDb>();
    await seedDemoBusiness(source.db, { dialect: source.dialect, people: 1200 });
    ctx = createTestContext(t, { DEMO_SOURCE_URL: source.url });
  }, 300_000);
  afterAll(async () => {
    await source?.cleanup();
    await t?.cleanup();
  });

  it("[OPS]: flags the seeded mentions of colleagues with high recall and precision, and prints both", async () => {
    const messages = await source.db
      .selectFrom("support_messages")
      .innerJoin("users", "users.id", "support_messages.author_user_id")
      .select(["support_messages.body", "users.full_name", "users.email", "users.phone"])
      .where("support_messages.author_type", "=", "customer")
      .execute();
    const emails = new Set<string>();
    const names = new Set<string>();
    for (const m of messages) {
      const found = findMentionCandidates(m.body);
      found.emails.forEach((e) => emails.add(e.value));
      found.names.forEach((n) => names.add(n.value));
    }
    const known = await lookUpKnownPeople(ctx, { emails: [...emails], names: [...names] });
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    for (const m of messages) {
      const truth = COLLEAGUE_TEMPLATES.some((r) => r.test(m.body));
      const own = ownIdentifiers({ emails: [m.email], phones: m.phone ? [m.phone] : [], names: [m.full_name] });
      const flagged = mentionSpans(m.body, known, own).length > 0;
      if (truth && flagged) truePositives += 1;
      else if (flagged) falsePositives += 1;
      else if (truth) falseNegatives += 1;
    }
    const recall = truePositives / (truePositives + falseNegatives);
    const precision = truePositives / (truePositives + falsePositives);
    // A figure for the note (the same on every run: the demo is deterministic).
    process.stdout.write(
      `mentions on ${dialect.name}: ${messages.length} customer messages, ${truePositives + falseNegatives} seeded mentions; recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)} (tp ${truePositives}, fp ${falsePositives}, fn ${falseNegatives})\n`,
    );
    expect(truePositives + falseNegatives).toBeGreaterThan(5);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(precision).toBeGreaterThanOrEqual(0.9);
  }, 120_000);

  it("[OPS]: an e-mail address or phone number that is not the requester's is flagged; the requester's own are not", () => {
    const own = ownIdentifiers({ emails: ["olivia.bennett@brightharbor.example"], phones: ["(415) 555-0142"], names: ["Olivia Bennett"] });
    const none = { emails: new Set<string>(), names: new Set<string>() };
    const text = "Reach me at Olivia.Bennett@brightharbor.example or 415-555-0142; my manager is dana@brightharbor.example, +1 916 555 0199.";
    const spans = mentionSpans(text, none, own).map((s) => [text.slice(s.start, s.end), s.kind]);
    expect(spans).toEqual([
      ["dana@brightharbor.example", "email"],
      ["+1 916 555 0199", "phone"],
    ]);
  });
});
