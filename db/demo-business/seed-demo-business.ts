import type { Kysely, Transaction } from "kysely";
import { parseJsonColumn, type DialectName } from "../client";
import { toDbTime } from "../../server/lib/clock";
import { createDemoBusinessSchema } from "./create-schema";
import { DEFAULT_ANCHOR, DEFAULT_PEOPLE, DEFAULT_SEED, GENERATOR_VERSION, generateDemoBusiness, generateHeavyEvents } from "./generate";
import { DEMO_TABLES, type DemoBusinessDb, type DemoTableName, type WebAppEventsTable } from "./schema";

export interface SeedDemoBusinessOptions {
  dialect: DialectName;
  /** Distinct people (account users plus leads who never had an account). Default 1,200; at least 8. */
  people?: number;
  /** The generated records end just before this instant. Default 2026-11-01T00:00:00Z. */
  anchor?: Date;
  /** Extra web/app events for the heavy demo person (the benchmark uses 100,000). Default 0. */
  heavyPersonRecords?: number;
  seed?: number;
}

export interface SeedSummary {
  /** true when this call inserted the data; false when the database was already seeded. */
  created: boolean;
  generatorVersion: number;
  people: number;
  /** ISO 8601, UTC. */
  anchor: string;
  heavyPersonRecords: number;
  /** Rows per table, seed_info excluded. */
  rows: Partial<Record<DemoTableName, number>>;
  totalRows: number;
  /** Time spent generating and inserting, when it was seeded. */
  durationMs: number;
}

const SEED_ID = "demo-business";
/** ~500 rows per INSERT: far below SQLite's 32,766 bound parameters and MySQL's 65,535. */
const CHUNK = 500;

/**
 * Creates the demo business's schema if missing and fills it with the generated data, once.
 * Everything is inserted in one transaction with the seed_info row last, so a crash leaves either
 * nothing or a complete seed, and a second call (or a second process) finds seed_info and returns
 * the stored summary without touching anything.
 */
export async function seedDemoBusiness(db: Kysely<DemoBusinessDb>, options: SeedDemoBusinessOptions): Promise<SeedSummary> {
  await createDemoBusinessSchema(db, options.dialect);
  const stored = await readSeedSummary(db);
  if (stored) return stored;

  const started = performance.now();
  const anchor = options.anchor ?? DEFAULT_ANCHOR;
  const heavy = Math.max(0, Math.floor(options.heavyPersonRecords ?? 0));
  const dataset = generateDemoBusiness({ people: options.people ?? DEFAULT_PEOPLE, anchor, seed: options.seed ?? DEFAULT_SEED });
  const rows: Partial<Record<DemoTableName, number>> = {};
  try {
    await db.transaction().execute(async (trx) => {
      for (const table of DEMO_TABLES) {
        if (table === "seed_info") continue;
        const list = dataset.rows[table] as object[];
        for (let i = 0; i < list.length; i += CHUNK) await insertRows(trx, table, list.slice(i, i + CHUNK));
        rows[table] = list.length;
      }
      if (heavy > 0) {
        let batch: WebAppEventsTable[] = [];
        for (const row of generateHeavyEvents(anchor, heavy, dataset.rows.web_app_events.length + 1, options.seed ?? DEFAULT_SEED)) {
          batch.push(row);
          if (batch.length < CHUNK) continue;
          await insertRows(trx, "web_app_events", batch);
          batch = [];
        }
        if (batch.length > 0) await insertRows(trx, "web_app_events", batch);
        rows.web_app_events = (rows.web_app_events ?? 0) + heavy;
      }
      const summary: SeedSummary = {
        created: true,
        generatorVersion: GENERATOR_VERSION,
        people: dataset.people,
        anchor: anchor.toISOString(),
        heavyPersonRecords: heavy,
        rows,
        totalRows: Object.values(rows).reduce((a, b) => a + b, 0),
        durationMs: Math.round(performance.now() - started),
      };
      await trx
        .insertInto("seed_info")
        .values({
          id: SEED_ID,
          generator_version: GENERATOR_VERSION,
          people: dataset.people,
          anchor: toDbTime(anchor),
          heavy_person_records: heavy,
          summary: JSON.stringify(summary),
          seeded_at: toDbTime(new Date()),
        })
        .execute();
    });
  } catch (error) {
    // Two processes starting at once: the loser's insert collides with the winner's rows.
    const code = (error as { code?: string }).code ?? "";
    if (code === "ER_DUP_ENTRY" || code === "23505" || code.startsWith("SQLITE_CONSTRAINT")) {
      const winner = await readSeedSummary(db);
      if (winner) return winner;
    }
    throw error;
  }
  const summary = await readSeedSummary(db);
  if (!summary) throw new Error("demo business seed committed but seed_info is missing");
  return { ...summary, created: true };
}

/** The summary stored by an earlier seeding, or null when the database has not been seeded. */
export async function readSeedSummary(db: Kysely<DemoBusinessDb>): Promise<SeedSummary | null> {
  const row = await db.selectFrom("seed_info").select("summary").where("id", "=", SEED_ID).executeTakeFirst();
  return row ? { ...parseJsonColumn<SeedSummary>(row.summary), created: false } : null;
}

async function insertRows(trx: Transaction<DemoBusinessDb>, table: DemoTableName, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  // Rows come straight from the generator, typed per table there; the loop over tables loses that type.
  await (trx as unknown as Transaction<Record<string, object>>).insertInto(table).values(rows as never).execute();
}
