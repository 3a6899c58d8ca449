import { PostgresAdapter, sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from "kysely";
import type { Field, SqlDataset } from "../../datamap/dataset-schema";
import { addDays } from "../../lib/calendar-date";
import type { FetchRequest } from "../connector-types";
import { datasetColumns } from "../dataset-columns";

/** One IN list: a lookup column, how it is compared, and the values (already in comparable form). */
export interface LookupBatch {
  column: string;
  match: "exact" | "case_insensitive" | "digits";
  values: string[];
}

export interface DatasetQueryOptions {
  /** The one lookup that drives this query: the only index-served condition in it. */
  batch: LookupBatch;
  /** Lookups already read by earlier queries: their rows are left out here, so each row comes once. */
  exclude: readonly LookupBatch[];
  /**
   * Columns ("table.column") whose collation already compares case-insensitively (MySQL/MariaDB
   * `_ci`): a case_insensitive lookup on them compares the column itself, which its index serves.
   */
  caseInsensitiveColumns?: ReadonlySet<string>;
  /**
   * MySQL/MariaDB: "table.column" -> the name of its generated column holding `digitsSql(column)`
   * under the column's own collation, checked by readDigitsColumns: a digits lookup compares it,
   * so its index answers (MariaDB cannot index the expression itself; ADR 051).
   */
  digitsColumns?: ReadonlyMap<string, string>;
  /**
   * PostgreSQL: owner column -> the person's known values that can be of its type (an owner guard
   * compares them with it, and one unreadable value fails the query); else `request.known`'s.
   */
  ownerValues?: ReadonlyMap<string, readonly string[]>;
  /**
   * PostgreSQL: columns ("table.column") of a type lower() and replace() do not take (an integer,
   * a uuid): a case_insensitive or digits lookup compares them cast to text, as the other dialects
   * compare any column, instead of failing the query. (An enum's such lookup arrives here as an
   * exact one on its labels.)
   */
  textCast?: ReadonlySet<string>;
}

/**
 * The SELECT for one batch of one lookup. Table and column names come from a validated map
 * (plain SQL names, checked against the live schema before any query) and are quoted as
 * identifiers; every value is a bound parameter.
 *
 * Query shape (ADR 024): cost must follow the person, not the business (DESIGN.md §4), so the
 * lookup `column IN (...)` is the only condition an index can serve. The owner guard, the period
 * and the exclusion of rows an earlier lookup returned are written as `CASE ... END = 1`, which no
 * planner can use to drive a scan: a guard `user_id IS NULL OR user_id IN (...)` once made every
 * dialect walk all anonymous events of the business.
 *
 * Never-disclose columns are not selected: the query asks only whether a value is present, so the
 * value never reaches this process (11 CCR 7024(d)).
 */
export function buildDatasetQuery(db: Kysely<any>, dataset: SqlDataset, request: FetchRequest, options: DatasetQueryOptions) {
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
    return valueOf(dataset, name).as(name);
  });
  const ci = options.caseInsensitiveColumns;
  const lookup = options.batch;
  const digitsColumn = lookup.match === "digits" ? options.digitsColumns?.get(`${table}.${lookup.column}`) : undefined;
  // What a lookup compares: the column, or its text where lower() or replace() must read it.
  const lookupColumn = ({ column, match }: LookupBatch): Expression<unknown> =>
    match !== "exact" && options.textCast?.has(`${table}.${column}`) ? sql`cast(${col(column)} as text)` : col(column);

  let query = db
    .selectFrom(table)
    .select(selections)
    .where(
      digitsColumn
        ? sql<SqlBool>`${col(digitsColumn)} in (${sql.join(lookup.values)})`
        : lookupCondition(lookupColumn(lookup), lookup, ci?.has(`${table}.${lookup.column}`) ?? false),
    );
  for (const earlier of options.exclude) query = query.where(unindexed(lookupCondition(lookupColumn(earlier), earlier, false), false));
  for (const owner of request.known ? (dataset.owners ?? []) : []) {
    const known = options.ownerValues?.get(owner.column) ?? [...(request.known!.get(owner.identifier) ?? [])];
    // Someone else's row (signed in as another user on a shared browser) is theirs: 1798.145(k).
    const ours = known.length ? sql`${col(owner.column)} is null or ${col(owner.column)} in (${sql.join(known)})` : sql`${col(owner.column)} is null`;
    query = query.where(unindexed(ours, true));
  }
  if (request.window && dataset.timeField) {
    const { start, end } = bounds(request.window, dataset.timeFormat ?? "text");
    const at = valueOf(dataset, dataset.timeField);
    // Point in time: inside the period. Kept current: started before it ended and not ended
    // before it began (a still-held record has no end).
    const until = dataset.timeEndField ? valueOf(dataset, dataset.timeEndField) : null;
    const inside = until ? sql`${at} < ${end} and (${until} is null or ${until} >= ${start})` : dataset.stillHeld ? sql`${at} < ${end}` : sql`${at} >= ${start} and ${at} < ${end}`;
    // A row without a time is kept and disclosed as undated rather than silently dropped.
    query = query.where(unindexed(sql`${at} is null or (${inside})`, true));
  }
  return query;
}

/**
 * A column of the dataset, or for a `from` field the value read from the other table: a scalar
 * subquery on that table's key (aliased, so a table may refer to itself). A `from` time field
 * dates a child row by its parent (an invoice line by its invoice).
 */
function valueOf(dataset: SqlDataset, name: string): RawBuilder<unknown> {
  const field = (dataset.fields as Record<string, Field>)[name]!;
  if (!field.from) return sql`${sql.ref(`${dataset.table}.${name}`)}`;
  const { via, table: other, key, column } = field.from;
  return sql`(select ${sql.ref(`rtk_ref.${column}`)} from ${sql.table(other)} as rtk_ref where ${sql.ref(`rtk_ref.${key}`)} = ${sql.ref(`${dataset.table}.${via}`)})`;
}

/** `case when <condition> then 1 else 0 end = 1|0`: true/false as asked, NULL read as false, never index-driving. */
function unindexed(condition: RawBuilder<unknown>, wanted: boolean): RawBuilder<SqlBool> {
  return sql<SqlBool>`case when ${condition} then 1 else 0 end = ${sql.lit(wanted ? 1 : 0)}`;
}

function lookupCondition(column: Expression<unknown>, batch: LookupBatch, collatedCi: boolean): RawBuilder<SqlBool> {
  const list = sql.join(batch.values);
  switch (batch.match) {
    case "case_insensitive":
      // The column's case-insensitive collation lets its own index answer; lower() then keeps the
      // comparison exactly the one other dialects make (a _ci collation also folds accents).
      if (collatedCi) return sql<SqlBool>`${column} in (${list}) and lower(${column}) in (${list})`;
      // SQLite and PostgreSQL: served by an index on lower(column) (the check proposes it).
      return sql<SqlBool>`lower(${column}) in (${list})`;
    case "digits":
      return sql<SqlBool>`${digitsOnly(column)} in (${list})`;
    default:
      return sql<SqlBool>`${column} in (${list})`;
  }
}

/** Characters a phone number is typed with; `digits` lookups compare the column without them. */
export const PHONE_PUNCTUATION = [" ", "-", "(", ")", ".", "+", "/"] as const;

/** "(415) 555-0142" -> "4155550142", portably (SQLite has no regexp_replace). */
export function digitsOnly(column: Expression<unknown>): RawBuilder<string> {
  let expression: RawBuilder<string> = sql<string>`${column}`;
  for (const ch of PHONE_PUNCTUATION) expression = sql<string>`replace(${expression}, ${sql.lit(ch)}, '')`;
  return expression;
}

/** The digits expression `digits` lookups compare, as SQL text for a bare column name (indexes, generated columns). */
export function digitsSql(column: string): string {
  return PHONE_PUNCTUATION.reduce((expression, ch) => `replace(${expression}, '${ch}', '')`, column);
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
