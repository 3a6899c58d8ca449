/**
 * The demo business's OWN source database ("Parlay", a customer-messaging SaaS). This is not the
 * portal's database: the portal reads it through the data map like any other business system.
 *
 * Conventions shared with the portal (docs/decisions/002-dialect-portability.md): ids are made in
 * app code (text for entities, integers for event rows), times are UTC text
 * "YYYY-MM-DD HH:MM:SS.mmm", calendar dates "YYYY-MM-DD", booleans 0/1, JSON as text.
 * Every column is supplied by the seeder, so the row types double as insert types.
 * What each table holds and its CCPA categories: docs/demo-business.md.
 */

/** Customer workspaces (the companies that buy Parlay). */
export interface AccountsTable {
  id: string;
  company_name: string;
  domain: string;
  industry: string;
  plan: string;
  seats: number;
  /** active | churned */
  status: string;
  billing_email: string;
  created_at: string;
  updated_at: string;
}

/** People who log in to a workspace. */
export interface UsersTable {
  id: string;
  account_id: string;
  /** Shown in Settings > Profile and on invoices: "PL-123456". */
  customer_number: string;
  first_name: string;
  last_name: string;
  full_name: string;
  email: string;
  /** As typed by the person: "+14155550101", "(415) 555-0101", "415.555.0101"... */
  phone: string | null;
  street: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  date_of_birth: string | null;
  job_title: string | null;
  company: string;
  /** owner | admin | agent */
  role: string;
  /** BCP 47 primary tag: en, es, fr... */
  preferred_language: string;
  /** Never disclosed (11 CCR 7024(d)); null for single-sign-on users. */
  password_hash: string | null;
  security_question: string | null;
  security_answer: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Marketing contacts; a lead that became a customer keeps its row with user_id set. */
export interface LeadsTable {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  full_name: string | null;
  company: string | null;
  job_title: string | null;
  phone: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  /** "webinar signup", "purchased list from data broker", ... */
  source: string;
  source_detail: string | null;
  /** First-party cookie of the browser that filled the form, if any. */
  cookie_id: string | null;
  user_id: string | null;
  marketing_consent: number;
  created_at: string;
  updated_at: string;
}

export interface SegmentsTable {
  id: string;
  name: string;
  description: string;
  created_at: string;
}

export interface SegmentMembershipsTable {
  id: string;
  segment_id: string;
  user_id: string | null;
  lead_id: string | null;
  added_at: string;
}

/** Model outputs about a person: inferences (category K). */
export interface InferredProfilesTable {
  id: string;
  user_id: string | null;
  lead_id: string | null;
  /** 0..1, three decimals. */
  churn_risk: number;
  /** 0..100 */
  upsell_score: number;
  /** JSON array of strings. */
  inferred_interests: string;
  inferred_seniority: string;
  inferred_company_size: string;
  model_version: string;
  scored_at: string;
}

export interface PaymentMethodsTable {
  id: string;
  account_id: string;
  /** The person who added the card. */
  user_id: string;
  cardholder_name: string;
  card_brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  billing_zip: string;
  billing_country: string;
  created_at: string;
}

export interface SubscriptionsTable {
  id: string;
  account_id: string;
  plan: string;
  seats: number;
  /** active | canceled */
  status: string;
  monthly_amount_cents: number;
  currency: string;
  started_at: string;
  canceled_at: string | null;
  created_at: string;
}

export interface InvoicesTable {
  id: string;
  invoice_number: string;
  account_id: string;
  subscription_id: string;
  /** Billing contact the invoice is addressed to. */
  user_id: string;
  billing_email: string;
  payment_method_id: string | null;
  amount_cents: number;
  currency: string;
  /** paid | open | past_due | void */
  status: string;
  issued_at: string;
  paid_at: string | null;
}

/** Applications for invoiced (net-30) terms. Rare; some hold never-disclose values. */
export interface CreditApplicationsTable {
  id: string;
  account_id: string;
  user_id: string;
  legal_business_name: string;
  /** sole_proprietorship | llc | corporation */
  business_type: string;
  ein: string | null;
  /** Sole proprietors guarantee personally: SSN (never disclosed). */
  ssn: string | null;
  drivers_license_number: string | null;
  drivers_license_state: string | null;
  bank_account_number: string | null;
  bank_routing_number: string | null;
  annual_revenue_cents: number;
  requested_credit_limit_cents: number;
  /** approved | declined | pending */
  decision: string;
  submitted_at: string;
  decided_at: string | null;
}

/** Mobile app installations. */
export interface DevicesTable {
  /** The device id the app generates on install (UUID). */
  id: string;
  user_id: string;
  /** ios | android */
  platform: string;
  os_version: string;
  model: string;
  app_version: string;
  push_token: string;
  advertising_id: string | null;
  first_seen_at: string;
  last_seen_at: string;
}

/** Daily feature usage roll-ups. */
export interface UsageEventsTable {
  id: number;
  user_id: string;
  account_id: string;
  feature: string;
  count: number;
  occurred_at: string;
}

/** Website and app analytics: a browser cookie or an app device id, a user once logged in. */
export interface WebAppEventsTable {
  id: number;
  /** web | ios_app | android_app */
  source: string;
  cookie_id: string | null;
  device_id: string | null;
  user_id: string | null;
  event_type: string;
  url: string;
  referrer: string | null;
  user_agent: string;
  ip_address: string;
  ip_city: string | null;
  ip_region: string | null;
  ip_country: string | null;
  occurred_at: string;
}

/** Precise GPS from the mobile app ("share my location with on-site visitors"). */
export interface LocationPingsTable {
  id: number;
  device_id: string;
  user_id: string;
  latitude: number;
  longitude: number;
  accuracy_m: number;
  recorded_at: string;
}

/** Marketing e-mail delivery log from the e-mail service provider: keyed by address only. */
export interface EmailEventsTable {
  id: number;
  recipient_email: string;
  campaign: string;
  /** delivered | opened | clicked | unsubscribed */
  event_type: string;
  link_url: string | null;
  occurred_at: string;
}

export interface SupportConversationsTable {
  id: string;
  account_id: string | null;
  user_id: string | null;
  contact_email: string;
  subject: string;
  /** messenger | email | phone */
  channel: string;
  /** open | closed */
  status: string;
  assignee_name: string | null;
  created_at: string;
  closed_at: string | null;
}

export interface SupportMessagesTable {
  id: string;
  conversation_id: string;
  /** customer | agent | bot */
  author_type: string;
  author_user_id: string | null;
  author_name: string;
  /** Free text; may name other people (colleagues), which matters for third-party redaction. */
  body: string;
  created_at: string;
}

export interface EventRegistrationsTable {
  id: string;
  event_name: string;
  event_date: string;
  email: string;
  full_name: string;
  company: string | null;
  job_title: string | null;
  phone: string | null;
  dietary_preference: string | null;
  user_id: string | null;
  lead_id: string | null;
  attended: number;
  registered_at: string;
  checked_in_at: string | null;
}

export interface OfficeVisitsTable {
  id: string;
  office: string;
  visitor_name: string;
  visitor_email: string;
  visitor_company: string | null;
  host_name: string;
  badge_number: string;
  /** driver_license | passport | null when reception did not scan an ID. */
  photo_id_type: string | null;
  /** Scanned ID number, kept only by the old visitor kiosk (never disclosed). */
  photo_id_number: string | null;
  signature_ref: string;
  /** Reference to the lobby camera still, not the image itself. */
  cctv_still_ref: string;
  user_id: string | null;
  visited_at: string;
  departed_at: string | null;
}

/** One row once the demo data is in place; makes seeding idempotent. */
export interface SeedInfoTable {
  id: string;
  generator_version: number;
  people: number;
  anchor: string;
  heavy_person_records: number;
  /** JSON: the SeedSummary returned by seedDemoBusiness. */
  summary: string;
  seeded_at: string;
}

export interface DemoBusinessDb {
  accounts: AccountsTable;
  users: UsersTable;
  leads: LeadsTable;
  segments: SegmentsTable;
  segment_memberships: SegmentMembershipsTable;
  inferred_profiles: InferredProfilesTable;
  payment_methods: PaymentMethodsTable;
  subscriptions: SubscriptionsTable;
  invoices: InvoicesTable;
  credit_applications: CreditApplicationsTable;
  devices: DevicesTable;
  usage_events: UsageEventsTable;
  web_app_events: WebAppEventsTable;
  location_pings: LocationPingsTable;
  email_events: EmailEventsTable;
  support_conversations: SupportConversationsTable;
  support_messages: SupportMessagesTable;
  event_registrations: EventRegistrationsTable;
  office_visits: OfficeVisitsTable;
  seed_info: SeedInfoTable;
}

export type DemoTableName = keyof DemoBusinessDb;

/** Insertion order: every table comes after the tables its foreign keys point to. */
export const DEMO_TABLES: readonly DemoTableName[] = [
  "accounts",
  "users",
  "leads",
  "segments",
  "segment_memberships",
  "inferred_profiles",
  "payment_methods",
  "subscriptions",
  "invoices",
  "credit_applications",
  "devices",
  "usage_events",
  "web_app_events",
  "location_pings",
  "email_events",
  "support_conversations",
  "support_messages",
  "event_registrations",
  "office_visits",
  "seed_info",
];
