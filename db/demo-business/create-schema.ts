import { sql, type ColumnDataType, type CreateTableBuilder, type Kysely } from "kysely";
import { digitsSql } from "../../server/connectors/sql/find-unindexed-lookups";
import type { DialectName } from "../client";
import { DEMO_TABLES, type DemoBusinessDb, type DemoTableName } from "./schema";

/**
 * The demo business's tables, written once as data so SQLite and MySQL get the same shape.
 * Column types are the portable subset (docs/decisions/002): varchar for anything indexed (MySQL
 * cannot index TEXT without a prefix), text for free text, integer, double precision for
 * coordinates and scores, varchar(23) for UTC times, varchar(10) for calendar dates.
 */
type Column = readonly [name: string, type: ColumnDataType, nullable?: "null"];

export interface TableSpec {
  columns: readonly Column[];
  /** [column, "table.column"]: the relations the identity graph follows. */
  references?: readonly (readonly [string, string])[];
  /** Each entry is one index; a leading lookup key followed by the time column where rows are events. */
  indexes?: readonly (readonly string[])[];
  unique?: readonly (readonly string[])[];
}

const ID = "varchar(40)" as const;
const TIME = "varchar(23)" as const;
const EMAIL = "varchar(254)" as const;

export const DEMO_TABLE_SPECS: Record<DemoTableName, TableSpec> = {
  accounts: {
    columns: [["id", ID], ["company_name", "varchar(200)"], ["domain", "varchar(120)"], ["industry", "varchar(80)"],
      ["plan", "varchar(20)"], ["seats", "integer"], ["status", "varchar(16)"], ["billing_email", EMAIL],
      ["created_at", TIME], ["updated_at", TIME]],
    indexes: [["billing_email"], ["domain"]],
  },
  users: {
    columns: [["id", ID], ["account_id", ID], ["customer_number", "varchar(16)"], ["first_name", "varchar(100)"],
      ["last_name", "varchar(100)"], ["full_name", "varchar(200)"], ["email", EMAIL], ["phone", "varchar(32)", "null"],
      ["street", "varchar(200)", "null"], ["city", "varchar(100)", "null"], ["state", "varchar(40)", "null"],
      ["postal_code", "varchar(16)", "null"], ["country", "varchar(2)", "null"], ["date_of_birth", "varchar(10)", "null"],
      ["job_title", "varchar(120)", "null"], ["company", "varchar(200)"], ["role", "varchar(16)"],
      ["preferred_language", "varchar(8)"], ["password_hash", "varchar(100)", "null"],
      ["security_question", "varchar(200)", "null"], ["security_answer", "varchar(200)", "null"],
      ["last_login_at", TIME, "null"], ["created_at", TIME], ["updated_at", TIME]],
    references: [["account_id", "accounts.id"]],
    indexes: [["account_id"], ["email"], ["phone"], ["last_name", "first_name"], ["postal_code"]],
    unique: [["customer_number"]],
  },
  leads: {
    columns: [["id", ID], ["email", EMAIL], ["first_name", "varchar(100)", "null"], ["last_name", "varchar(100)", "null"],
      ["full_name", "varchar(200)", "null"], ["company", "varchar(200)", "null"], ["job_title", "varchar(120)", "null"],
      ["phone", "varchar(32)", "null"], ["city", "varchar(100)", "null"], ["state", "varchar(40)", "null"],
      ["country", "varchar(2)", "null"], ["source", "varchar(80)"], ["source_detail", "varchar(200)", "null"],
      ["cookie_id", ID, "null"], ["user_id", ID, "null"], ["marketing_consent", "integer"],
      ["created_at", TIME], ["updated_at", TIME]],
    references: [["user_id", "users.id"]],
    indexes: [["email"], ["cookie_id"], ["user_id"], ["phone"]],
  },
  segments: {
    columns: [["id", ID], ["name", "varchar(120)"], ["description", "text"], ["created_at", TIME]],
  },
  segment_memberships: {
    columns: [["id", ID], ["segment_id", ID], ["user_id", ID, "null"], ["lead_id", ID, "null"], ["added_at", TIME]],
    references: [["segment_id", "segments.id"], ["user_id", "users.id"], ["lead_id", "leads.id"]],
    indexes: [["segment_id"], ["user_id"], ["lead_id"]],
  },
  inferred_profiles: {
    columns: [["id", ID], ["user_id", ID, "null"], ["lead_id", ID, "null"], ["churn_risk", "double precision"],
      ["upsell_score", "integer"], ["inferred_interests", "text"], ["inferred_seniority", "varchar(40)"],
      ["inferred_company_size", "varchar(40)"], ["model_version", "varchar(40)"], ["scored_at", TIME]],
    references: [["user_id", "users.id"], ["lead_id", "leads.id"]],
    indexes: [["user_id", "scored_at"], ["lead_id", "scored_at"]],
  },
  payment_methods: {
    columns: [["id", ID], ["account_id", ID], ["user_id", ID], ["cardholder_name", "varchar(200)"],
      ["card_brand", "varchar(20)"], ["last4", "varchar(4)"], ["exp_month", "integer"], ["exp_year", "integer"],
      ["billing_zip", "varchar(16)"], ["billing_country", "varchar(2)"], ["created_at", TIME]],
    references: [["account_id", "accounts.id"], ["user_id", "users.id"]],
    indexes: [["account_id"], ["user_id"]],
  },
  subscriptions: {
    columns: [["id", ID], ["account_id", ID], ["plan", "varchar(20)"], ["seats", "integer"], ["status", "varchar(16)"],
      ["monthly_amount_cents", "integer"], ["currency", "varchar(3)"], ["started_at", TIME],
      ["canceled_at", TIME, "null"], ["created_at", TIME]],
    references: [["account_id", "accounts.id"]],
    indexes: [["account_id"]],
  },
  invoices: {
    columns: [["id", ID], ["invoice_number", "varchar(24)"], ["account_id", ID], ["subscription_id", ID], ["user_id", ID],
      ["billing_email", EMAIL], ["payment_method_id", ID, "null"], ["amount_cents", "integer"], ["currency", "varchar(3)"],
      ["status", "varchar(16)"], ["issued_at", TIME], ["paid_at", TIME, "null"]],
    references: [["account_id", "accounts.id"], ["subscription_id", "subscriptions.id"], ["user_id", "users.id"],
      ["payment_method_id", "payment_methods.id"]],
    indexes: [["account_id", "issued_at"], ["subscription_id"], ["user_id", "issued_at"], ["billing_email"], ["payment_method_id"]],
    unique: [["invoice_number"]],
  },
  credit_applications: {
    columns: [["id", ID], ["account_id", ID], ["user_id", ID], ["legal_business_name", "varchar(200)"],
      ["business_type", "varchar(32)"], ["ein", "varchar(10)", "null"], ["ssn", "varchar(11)", "null"],
      ["drivers_license_number", "varchar(20)", "null"], ["drivers_license_state", "varchar(2)", "null"],
      ["bank_account_number", "varchar(20)", "null"], ["bank_routing_number", "varchar(9)", "null"],
      ["annual_revenue_cents", "bigint"], ["requested_credit_limit_cents", "bigint"], ["decision", "varchar(16)"],
      ["submitted_at", TIME], ["decided_at", TIME, "null"]],
    references: [["account_id", "accounts.id"], ["user_id", "users.id"]],
    indexes: [["account_id"], ["user_id"]],
  },
  devices: {
    columns: [["id", ID], ["user_id", ID], ["platform", "varchar(16)"], ["os_version", "varchar(20)"], ["model", "varchar(60)"],
      ["app_version", "varchar(20)"], ["push_token", "varchar(255)"], ["advertising_id", ID, "null"],
      ["first_seen_at", TIME], ["last_seen_at", TIME]],
    references: [["user_id", "users.id"]],
    indexes: [["user_id"], ["advertising_id"]],
  },
  usage_events: {
    columns: [["id", "integer"], ["user_id", ID], ["account_id", ID], ["feature", "varchar(60)"], ["count", "integer"],
      ["occurred_at", TIME]],
    references: [["user_id", "users.id"], ["account_id", "accounts.id"]],
    indexes: [["user_id", "occurred_at"], ["account_id", "occurred_at"]],
  },
  web_app_events: {
    columns: [["id", "integer"], ["source", "varchar(16)"], ["cookie_id", ID, "null"], ["device_id", ID, "null"],
      ["user_id", ID, "null"], ["event_type", "varchar(40)"], ["url", "text"], ["referrer", "text", "null"],
      ["user_agent", "text"], ["ip_address", "varchar(45)"], ["ip_city", "varchar(100)", "null"],
      ["ip_region", "varchar(40)", "null"], ["ip_country", "varchar(2)", "null"], ["occurred_at", TIME]],
    references: [["user_id", "users.id"], ["device_id", "devices.id"]],
    indexes: [["cookie_id", "occurred_at"], ["device_id", "occurred_at"], ["user_id", "occurred_at"], ["ip_address"]],
  },
  location_pings: {
    columns: [["id", "integer"], ["device_id", ID], ["user_id", ID], ["latitude", "double precision"],
      ["longitude", "double precision"], ["accuracy_m", "integer"], ["recorded_at", TIME]],
    references: [["device_id", "devices.id"], ["user_id", "users.id"]],
    indexes: [["device_id", "recorded_at"], ["user_id", "recorded_at"]],
  },
  email_events: {
    columns: [["id", "integer"], ["recipient_email", EMAIL], ["campaign", "varchar(200)"], ["event_type", "varchar(20)"],
      ["link_url", "text", "null"], ["occurred_at", TIME]],
    indexes: [["recipient_email", "occurred_at"]],
  },
  support_conversations: {
    columns: [["id", ID], ["account_id", ID, "null"], ["user_id", ID, "null"], ["contact_email", EMAIL],
      ["subject", "varchar(300)"], ["channel", "varchar(16)"], ["status", "varchar(16)"],
      ["assignee_name", "varchar(200)", "null"], ["created_at", TIME], ["closed_at", TIME, "null"]],
    references: [["account_id", "accounts.id"], ["user_id", "users.id"]],
    indexes: [["user_id", "created_at"], ["account_id"], ["contact_email"]],
  },
  support_messages: {
    columns: [["id", ID], ["conversation_id", ID], ["author_type", "varchar(16)"], ["author_user_id", ID, "null"],
      ["author_name", "varchar(200)"], ["body", "text"], ["created_at", TIME]],
    references: [["conversation_id", "support_conversations.id"], ["author_user_id", "users.id"]],
    indexes: [["conversation_id", "created_at"], ["author_user_id"]],
  },
  event_registrations: {
    columns: [["id", ID], ["event_name", "varchar(200)"], ["event_date", "varchar(10)"], ["email", EMAIL],
      ["full_name", "varchar(200)"], ["company", "varchar(200)", "null"], ["job_title", "varchar(120)", "null"],
      ["phone", "varchar(32)", "null"], ["dietary_preference", "varchar(60)", "null"], ["user_id", ID, "null"],
      ["lead_id", ID, "null"], ["attended", "integer"], ["registered_at", TIME], ["checked_in_at", TIME, "null"]],
    references: [["user_id", "users.id"], ["lead_id", "leads.id"]],
    indexes: [["email"], ["user_id"], ["lead_id"], ["phone"]],
  },
  office_visits: {
    columns: [["id", ID], ["office", "varchar(120)"], ["visitor_name", "varchar(200)"], ["visitor_email", EMAIL],
      ["visitor_company", "varchar(200)", "null"], ["host_name", "varchar(200)"], ["badge_number", "varchar(24)"],
      ["photo_id_type", "varchar(20)", "null"], ["photo_id_number", "varchar(24)", "null"],
      ["signature_ref", "varchar(80)"], ["cctv_still_ref", "varchar(120)"], ["user_id", ID, "null"],
      ["visited_at", TIME], ["departed_at", TIME, "null"]],
    references: [["user_id", "users.id"]],
    indexes: [["visitor_email"], ["user_id"]],
  },
  seed_info: {
    columns: [["id", ID], ["generator_version", "integer"], ["people", "integer"], ["anchor", TIME],
      ["heavy_person_records", "integer"], ["summary", "text"], ["seeded_at", TIME]],
  },
};

/**
 * Indexes on the expressions case_insensitive and digits lookups compare (ADR 024), for SQLite and
 * PostgreSQL. MySQL/MariaDB needs none: the tables' utf8mb4_unicode_ci collation lets the plain
 * index answer case-insensitive lookups, and MariaDB cannot index an expression.
 */
const EXPRESSION_INDEXES: readonly (readonly [table: DemoTableName, column: string, kind: "lower" | "digits"])[] = [
  ["users", "phone", "digits"],
  ["leads", "email", "lower"],
  ["leads", "phone", "digits"],
  ["email_events", "recipient_email", "lower"],
  ["support_conversations", "contact_email", "lower"],
  ["event_registrations", "email", "lower"],
  ["office_visits", "visitor_email", "lower"],
];

/**
 * Creates the demo business's tables and indexes that are missing. Safe to call on every start.
 * A table is created together with its indexes; on MySQL DDL commits itself, so a crash between the
 * two would leave a table without indexes (drop the demo database to recover; it is re-seeded).
 */
export async function createDemoBusinessSchema(db: Kysely<DemoBusinessDb>, dialect: DialectName): Promise<void> {
  // The schema builder is untyped by table: the specs above are the single source of the DDL.
  const schema = (db as unknown as Kysely<any>).schema;
  const existing = new Set((await db.introspection.getTables()).map((t) => t.name));
  for (const name of DEMO_TABLES) {
    if (existing.has(name)) continue;
    const spec = DEMO_TABLE_SPECS[name];
    let table: CreateTableBuilder<string, any> = schema.createTable(name);
    for (const [column, type, nullable] of spec.columns) {
      table = table.addColumn(column, type, (c) => {
        const col = nullable ? c : c.notNull();
        return column === "id" ? col.primaryKey() : col;
      });
    }
    for (const [column, target] of spec.references ?? []) {
      const [targetTable, targetColumn] = target.split(".") as [string, string];
      table = table.addForeignKeyConstraint(`${name}_${column}_fk`, [column], targetTable, [targetColumn]);
    }
    for (const columns of spec.unique ?? []) {
      table = table.addUniqueConstraint(`${name}_${columns.join("_")}_uq`, [...columns]);
    }
    // Without this a MySQL server whose default charset is latin1 would mangle "Núñez" and "Łukasz".
    if (dialect === "mysql") table = table.modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_unicode_ci`);
    await table.execute();
    for (const columns of spec.indexes ?? []) {
      await schema.createIndex(`${name}_${columns.join("_")}_idx`).on(name).columns([...columns]).execute();
    }
  }
  if (dialect === "mysql") return;
  // Also on a demo database seeded before these indexes existed.
  for (const [table, column, kind] of EXPRESSION_INDEXES) {
    const expression = kind === "lower" ? `lower(${column})` : digitsSql(column);
    await sql.raw(`create index if not exists ${table}_${column}_${kind}_idx on ${table} (${expression})`).execute(db);
  }
}
