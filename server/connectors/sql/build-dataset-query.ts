import { PostgresAdapter, sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool } from "kysely";
import type { Field, SqlDataset } from "../../datamap/dataset-schema";
import { addDays } from "../../lib/calendar-date";
import type { FetchRequest } from "../connector-types";
import { datasetColumns } from "../dataset-columns";

/** One IN list of a batch: a lookup column, how it is compared, and the values (already in comparable form). */
export interface LookupBatch {
  column: string;
  match: "exact" | "case_insensitive" | "digits";
  values: string[];
}

type Eb = ExpressionBuilder<any, any>;

/**
 * The SELECT for one batch of lookup values. Table and column names come from a validated map
 * (plain SQL names, checked against the live schema before any query) and are quoted as
 * identifiers; every value is a bound parameter.
 *
 * Never-disclose columns are not selected: the query asks only whether a value is present, so the
 * value never reaches this process (11 CCR 7024(d)).
 */
export function buildDatasetQuery(db: Kysely<any>, dataset: SqlDataset, request: FetchRequest, batch: readonly LookupBatch[]) {
  const table = dataset.table;
  const fields = dataset.fields as Record<string, Field>;
  const col = (name: string) => sql.ref(`${table}.${name}`);
  // PostgreSQL's char is char(1): "text" there, "char" (the only text cast MySQL has) elsewhere.
  const asText = sql.raw(db.getExecutor().adapter instanceof PostgresAdapter ? "text" : "char");
  const selections = datasetColumns(dataset, request.columns).map((name) => {
    const field = fields[name]!;
    if (field.neverDisclose) {
      return sql<number>`case when ${col(name)} is null or cast(${col(name)} as ${asText}) = '' then 0 else 1 end`.as(name);
    }
    if (field.from) {
      const { via, table: other, key, column } = field.from;
      // Reference data (a segment's name) shown in place of its id; aliased so a table may refer to itself.
      return sql`(select ${sql.ref(`rtk_ref.${column}`)} from ${sql.table(other)} as rtk_ref where ${sql.ref(`rtk_ref.${key}`)} = ${col(via)})`.as(name);
    }
    return col(name).as(name);
  });

  let query = db
    .selectFrom(table)
    .select(selections)
    .where((eb) => eb.or(batch.map((b) => lookupCondition(eb, col(b.column), b))));
  for (const owner of request.known ? (dataset.owners ?? []) : []) {
    const known = [...(request.known!.get(owner.identifier) ?? [])];
    // Someone else's row (signed in as another user on a shared browser) is theirs: 1798.145(k).
    query = query.where((eb) => (known.length ? eb.or([eb(col(owner.column), "is", null), eb(col(owner.column), "in", known)]) : eb(col(owner.column), "is", null)));
  }
  if (request.window && dataset.timeField) {
    const { start, end } = bounds(request.window, dataset.timeFormat ?? "text");
    const at = col(dataset.timeField);
    const until = dataset.timeEndField ? col(dataset.timeEndField) : null;
    query = query.where((eb) => {
      const inside = until
        ? eb.and([eb(at, "<", end), eb.or([eb(until, "is", null), eb(until, ">=", start)])])
        : eb.and([eb(at, ">=", start), eb(at, "<", end)]);
      // A row without a time is kept and disclosed as undated rather than silently dropped.
      return eb.or([eb(at, "is", null), inside]);
    });
  }
  return query;
}

function lookupCondition(eb: Eb, column: Expression<unknown>, batch: LookupBatch): Expression<SqlBool> {
  switch (batch.match) {
    case "case_insensitive":
      // lower() defeats an index; declare `exact` where the source stores normalized values.
      return eb(eb.fn("lower", [column]), "in", batch.values);
    case "digits":
      return eb(digitsOnly(column), "in", batch.values);
    default:
      return eb(column, "in", batch.values);
  }
}

/** "(415) 555-0142" -> "4155550142", portably (SQLite has no regexp_replace). */
function digitsOnly(column: Expression<unknown>): RawBuilder<string> {
  let expression: RawBuilder<string> = sql<string>`${column}`;
  for (const ch of [" ", "-", "(", ")", ".", "+", "/"]) expression = sql<string>`replace(${expression}, ${sql.lit(ch)}, '')`;
  return expression;
}

function bounds(window: FetchRequest["window"] & object, format: "text" | "epoch_ms" | "epoch_s"): { start: string | number; end: string | number } {
  if (format === "text") {
    // Bare dates compare correctly against "YYYY-MM-DD HH:MM:SS", ISO "YYYY-MM-DDTHH:MM:SSZ",
    // DATE and DATETIME columns alike; an instant would not (" " sorts before "T"). So the query
    // takes whole UTC days around the window (its start's day, up to the day after its end's) and
    // the connector keeps the rows inside the exact instants (inWindow, match-row.ts).
    const start = window.start.slice(0, 10);
    const endDay = window.endExclusive.slice(0, 10);
    return { start, end: window.endExclusive.length > 10 ? addDays(endDay, 1) : endDay };
  }
  const scale = format === "epoch_s" ? 1000 : 1;
  const at = (bound: string) => Date.parse(bound.length > 10 ? bound : `${bound}T00:00:00Z`);
  return { start: Math.floor(at(window.start) / scale), end: Math.ceil(at(window.endExclusive) / scale) };
}
