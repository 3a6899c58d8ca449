import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STREAM_CHUNK, streamQueryRows } from "../../../server/connectors/sql/stream-query-rows";
import { sourceDialects, type TestDatabase } from "../../support/dialects";

// Rows stream through each driver's own API (issue 14 item 4); on PostgreSQL the next cursor chunk
// is asked for before the current one is handed on (ADR 056). Every row arrives once, in order,
// and a consumer that stops early leaves the pool usable, with no read left failing unheard.
const ROWS = STREAM_CHUNK * 2 + 345;

describe.each(sourceDialects().map((d) => [d.name, d] as const))("streamQueryRows on %s", (_name, dialect) => {
  let source: TestDatabase<any>;
  let db: Kysely<any>;

  beforeAll(async () => {
    source = await dialect.create<any>();
    db = source.db;
    await db.schema.createTable("stream_rows").addColumn("id", "integer", (c) => c.primaryKey()).addColumn("label", "varchar(40)").execute();
    for (let start = 0; start < ROWS; start += 500) {
      const values = Array.from({ length: Math.min(500, ROWS - start) }, (_, i) => ({ id: start + i + 1, label: `row ${start + i + 1}` }));
      await db.insertInto("stream_rows").values(values).execute();
    }
  });

  afterAll(async () => {
    await source?.cleanup();
  });

  const query = () => db.selectFrom("stream_rows").select(["id", "label"]).orderBy("id");

  it("hands on every row once, in order, as arrays in the select list's order", async () => {
    const ids: number[] = [];
    for await (const batch of streamQueryRows(db, query(), ["id", "label"])) {
      for (const row of batch) {
        expect(row[1]).toBe(`row ${row[0]}`);
        ids.push(Number(row[0]));
      }
    }
    expect(ids).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
  });

  it("leaves the pool usable when the consumer stops after the first batch", async () => {
    for (let round = 0; round < 3; round++) {
      for await (const batch of streamQueryRows(db, query(), ["id", "label"])) {
        expect(batch.length).toBeGreaterThan(0);
        break;
      }
    }
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from stream_rows`.execute(db);
    expect(Number(rows[0]!.n)).toBe(ROWS);
  });
});
