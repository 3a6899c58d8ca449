import { toDbTime } from "../../server/lib/clock";
import { DEMO_PEOPLE, demoPerson, HEAVY_PERSON_KEY, type DemoPerson, type DemoPersonKey } from "./demo-people";
import { BCRYPT, Rng } from "./rng";
import {
  PLACES,
  PLACE_WEIGHTS,
  STREETS,
  UNITS,
  FIRST_ES,
  LAST_ES,
  FIRST_OTHER,
  LAST_OTHER,
  COMPANY_PREFIXES,
  COMPANY_NOUNS,
  COMPANY_ES_TYPES,
  COMPANY_ES_NAMES,
  JOB_TITLES,
  JOB_TITLES_ES,
  PLANS,
  PLAN_PRICE,
  SECURITY_QA,
  FEATURES,
  MARKETING_PATHS,
  APP_PATHS,
  APP_SCREENS,
  REFERRERS,
  BROWSER_UAS,
  DEVICE_MODELS,
  APP_VERSIONS,
  LEAD_SOURCES,
  SEGMENTS,
  INTERESTS,
  SENIORITY,
  COMPANY_SIZES,
  EVENTS,
  DIETS,
  OFFICES,
  HOSTS,
  AGENTS_EN,
  AGENTS_ES,
  OPENERS,
  PRESALES,
  CUSTOMER_FOLLOWUPS,
  AGENT_REPLIES,
  BOT_GREETING,
  type Place,
  type Template,
} from "./word-lists";
import type {
  AccountsTable,
  DemoBusinessDb,
  DevicesTable,
  LeadsTable,
  SegmentsTable,
  UsersTable,
  WebAppEventsTable,
} from "./schema";

/**
 * Deterministic fake data for "Parlay", the demo business. Same options in, same rows out, on any
 * machine: one seeded PRNG, no Date.now(), no Math.random(). Records spread over the 30 months before
 * the anchor date so that the default 12-month look-back (Civ. Code 1798.130(a)(2)(B)) and a
 * "since 2022-01-01" request (11 CCR 7024(h)) give different answers.
 *
 * Privacy of the fake data itself: phone numbers are 555-01XX (reserved for fiction) or Ofcom's drama
 * range, IP addresses come from the documentation ranges (RFC 5737, RFC 3849), e-mail domains are
 * reserved (RFC 2606).
 */

export const DEFAULT_ANCHOR = new Date("2026-11-01T00:00:00.000Z");
export const DEFAULT_PEOPLE = 1200;
export const DEFAULT_SEED = 20261101;
/** Bump when the generated data changes shape, so a stored seed can be told apart. */
export const GENERATOR_VERSION = 1;
export const WINDOW_MONTHS = 30;

export type DemoRows = { [K in keyof DemoBusinessDb]: DemoBusinessDb[K][] };

export interface GenerateOptions {
  people?: number;
  anchor?: Date;
  seed?: number;
}

export interface DemoDataset {
  rows: DemoRows;
  /** Distinct people: account users plus leads who never became users. */
  people: number;
  anchor: Date;
}

// ---------------------------------------------------------------------------------------------
// Time and text helpers

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}
const ts = (ms: number) => toDbTime(new Date(ms));
const isoDay = (ms: number) => ts(ms).slice(0, 10);
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

/** "Zoë Łukasiewicz" -> "Zoe Lukasiewicz": for e-mail local parts and domains only; stored names keep their letters. */
function ascii(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[Łł]/g, (c) => (c === "Ł" ? "L" : "l"))
    .replace(/[Øø]/g, (c) => (c === "Ø" ? "O" : "o"))
    .replace(/ß/g, "ss");
}
const slug = (s: string) => ascii(s).toLowerCase().replace(/&/g, "and").replace(/[^a-z0-9]+/g, "");
const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");

// ---------------------------------------------------------------------------------------------
// Named people: how each one behaves (their identity is in demo-people.ts)

interface NamedPlan {
  intensity: number;
  plan: string;
  industry: string;
  devicePlatform: "ios" | "android" | null;
  gpsPings: number;
  support: number;
  registrations: number;
  officeVisits: number;
  convertedLead: boolean;
  creditApplication: "ssn" | "ein" | null;
  upgrade: boolean;
  secondCard: boolean;
  passwordHash: boolean;
  securityQa: boolean;
  segments: number;
}
const NAMED: Record<DemoPersonKey, NamedPlan> = {
  ordinary: { intensity: 1.2, plan: "Pro", industry: "Retail", devicePlatform: "android", gpsPings: 6, support: 3, registrations: 2, officeVisits: 2, convertedLead: true, creditApplication: "ein", upgrade: true, secondCard: true, passwordHash: true, securityQa: false, segments: 3 },
  never_disclose: { intensity: 0.8, plan: "Starter", industry: "Food & Beverage", devicePlatform: null, gpsPings: 0, support: 1, registrations: 0, officeVisits: 1, convertedLead: false, creditApplication: "ssn", upgrade: false, secondCard: false, passwordHash: true, securityQa: true, segments: 1 },
  precise_gps: { intensity: 1, plan: "Pro", industry: "Retail", devicePlatform: "ios", gpsPings: 60, support: 1, registrations: 0, officeVisits: 0, convertedLead: false, creditApplication: null, upgrade: false, secondCard: false, passwordHash: true, securityQa: true, segments: 2 },
  older_than_12_months: { intensity: 1, plan: "Starter", industry: "Healthcare", devicePlatform: null, gpsPings: 0, support: 2, registrations: 1, officeVisits: 0, convertedLead: false, creditApplication: null, upgrade: false, secondCard: false, passwordHash: true, securityQa: true, segments: 2 },
  heavy: { intensity: 3, plan: "Enterprise", industry: "Software", devicePlatform: "ios", gpsPings: 0, support: 3, registrations: 1, officeVisits: 1, convertedLead: false, creditApplication: null, upgrade: false, secondCard: false, passwordHash: false, securityQa: false, segments: 3 },
  spanish_speaker: { intensity: 1, plan: "Starter", industry: "Food & Beverage", devicePlatform: "android", gpsPings: 0, support: 2, registrations: 1, officeVisits: 0, convertedLead: false, creditApplication: null, upgrade: false, secondCard: false, passwordHash: true, securityQa: true, segments: 2 },
  contact_only: { intensity: 1, plan: "", industry: "", devicePlatform: null, gpsPings: 0, support: 0, registrations: 1, officeVisits: 0, convertedLead: false, creditApplication: null, upgrade: false, secondCard: false, passwordHash: false, securityQa: false, segments: 2 },
  namesake: { intensity: 0.7, plan: "Starter", industry: "Retail", devicePlatform: null, gpsPings: 0, support: 1, registrations: 0, officeVisits: 0, convertedLead: false, creditApplication: null, upgrade: false, secondCard: false, passwordHash: true, securityQa: false, segments: 1 },
};
/** SSA advertising range; the named never-disclose person holds 987-65-4321. */
const SPARE_SSNS = ["987-65-4320", "987-65-4322", "987-65-4323", "987-65-4324"];

// ---------------------------------------------------------------------------------------------
// The generator

interface Account {
  row: AccountsTable;
  members: Person[];
  until: number;
  churnedAt: number | null;
}

interface Person {
  named: DemoPerson | null;
  plan: NamedPlan | null;
  first: string;
  last: string;
  full: string;
  email: string;
  phone: string | null;
  place: Place;
  company: string;
  job: string | null;
  lang: string;
  user: UsersTable | null;
  lead: LeadsTable | null;
  account: Account | null;
  from: number;
  to: number;
  intensity: number;
  cookies: string[];
  devices: DevicesTable[];
  gpsPings: number;
  marketing: boolean;
}

class DemoGenerator {
  readonly rows: DemoRows = {
    accounts: [], users: [], leads: [], segments: [], segment_memberships: [], inferred_profiles: [], payment_methods: [],
    subscriptions: [], invoices: [], credit_applications: [], devices: [], usage_events: [], web_app_events: [],
    location_pings: [], email_events: [], support_conversations: [], support_messages: [], event_registrations: [],
    office_visits: [], seed_info: [],
  };
  private readonly rng: Rng;
  private readonly anchor: number;
  private readonly start: number;
  private readonly ids = new Set<string>();
  private readonly emails = new Set<string>();
  private readonly phones = new Set<string>();
  private readonly customerNumbers = new Set<string>();
  private readonly companies = new Set<string>();
  private readonly cookieUa = new Map<string, string>();
  private readonly cookieIp = new Map<string, string>();
  private readonly accounts: Account[] = [];
  private readonly people: Person[] = [];
  private readonly seq = { usage: 1, web: 1, ping: 1, email: 1, invoice: 1, badge: 1 };
  private segments: SegmentsTable[] = [];
  private photoIdNumbersLeft = 3;

  constructor(private readonly options: Required<GenerateOptions>) {
    this.rng = new Rng(options.seed);
    this.anchor = options.anchor.getTime();
    this.start = addMonths(this.anchor, -WINDOW_MONTHS);
    for (const p of DEMO_PEOPLE) {
      for (const id of [p.userId, p.accountId, p.leadId, p.cookieId, p.deviceId]) if (id) this.ids.add(id);
      this.emails.add(p.email.toLowerCase());
      if (p.phone) this.phones.add(p.phone.replace(/\D/g, "").replace(/^1(?=\d{10}$)/, ""));
      if (p.customerNumber) this.customerNumbers.add(p.customerNumber);
      this.companies.add(p.company);
    }
  }

  run(): number {
    this.segments = SEGMENTS.map(([name, description]) => ({ id: this.id("seg_"), name, description, created_at: ts(this.start) }));
    this.rows.segments.push(...this.segments);
    this.namedPeople();
    const generated = Math.max(0, this.options.people - DEMO_PEOPLE.length);
    const users = Math.round(generated * 0.72);
    this.generatedAccounts(users);
    for (let i = 0; i < generated - users; i++) this.leadOnlyPerson();
    for (const account of this.accounts) this.billing(account);
    this.creditApplications();
    for (const person of this.people) this.activity(person);
    return this.people.length;
  }

  // --- ids and identifiers ---------------------------------------------------------------

  private id(prefix: string, length = 12): string {
    for (;;) {
      const id = prefix + this.rng.chars(length);
      if (this.ids.has(id)) continue;
      this.ids.add(id);
      return id;
    }
  }

  private cookie(): string {
    return this.id("ck_", 20);
  }

  private emailFor(first: string, last: string, domain: string): string {
    const f = slug(first), l = slug(last.split(" ")[0]!);
    const local = this.rng.weighted([[`${f}.${l}`, 5], [`${f[0]}${l}`, 3], [`${f}`, 1], [`${f}_${l}`, 1]] as const);
    let email = `${local}@${domain}`;
    for (let n = 2; this.emails.has(email); n++) email = `${local}${n}@${domain}`;
    this.emails.add(email);
    return email;
  }

  /** A unique fictional number in one of the human formats people type. */
  private phoneFor(place: Place): string | null {
    for (let attempt = 0; attempt < 40; attempt++) {
      if (place.country === "GB") {
        const n = this.rng.digits(3);
        if (this.phones.has(`44207946${n}`)) continue;
        this.phones.add(`44207946${n}`);
        return this.rng.pick([`+44 20 7946 0${n}`, `020 7946 0${n}`]);
      }
      const codes = attempt < 30 ? place.areaCodes : PLACES[0]!.areaCodes.concat(PLACES[6]!.areaCodes);
      const area = this.rng.pick(codes), last = this.rng.digits(2);
      const digits = `${area}55501${last}`;
      if (this.phones.has(digits)) continue;
      this.phones.add(digits);
      return this.rng.weighted([
        [`+1${digits}`, 3], [`(${area}) 555-01${last}`, 4], [`${area}-555-01${last}`, 3],
        [`${area}.555.01${last}`, 1], [`+1 ${area} 555 01${last}`, 1], [`+1 (${area}) 555-01${last}`, 1],
      ] as const);
    }
    return null;
  }

  private companyName(spanish: boolean): [string, string] {
    for (let attempt = 0; ; attempt++) {
      let name: string, industry: string;
      if (spanish && this.rng.chance(0.5)) {
        const [type, ind] = this.rng.pick(COMPANY_ES_TYPES);
        [name, industry] = [`${type} ${this.rng.pick(COMPANY_ES_NAMES)}`, ind];
      } else {
        const [noun, ind] = this.rng.pick(COMPANY_NOUNS);
        [name, industry] = [`${this.rng.pick(COMPANY_PREFIXES)} ${noun}`, ind];
      }
      if (attempt > 20) name = `${name} ${attempt}`;
      if (this.companies.has(name)) continue;
      this.companies.add(name);
      return [name, industry];
    }
  }

  private passwordHash(): string {
    return `$2b$12$${this.rng.chars(53, BCRYPT)}`;
  }

  private ip(): string {
    if (this.rng.chance(0.7)) return `${this.rng.pick(["192.0.2", "198.51.100", "203.0.113"])}.${this.rng.int(1, 254)}`;
    return `2001:db8:${this.rng.chars(4)}:${this.rng.chars(4)}::${this.rng.chars(this.rng.int(1, 4)).replace(/^0+(?=.)/, "")}`;
  }

  private spread(n: number, from: number, to: number): number[] {
    const slot = (to - from) / n;
    return Array.from({ length: n }, (_, i) => Math.floor(from + slot * (i + this.rng.float())));
  }

  // --- people ----------------------------------------------------------------------------

  private namedPeople(): void {
    const accounts = new Map<string, Account>();
    for (const p of DEMO_PEOPLE) {
      const plan = NAMED[p.key];
      const place = PLACES.find((pl) => pl.city === (p.address?.city ?? "Oakland"))!;
      const from = Math.max(addMonths(this.anchor, -p.activeMonthsAgo.from), this.start) + 2 * DAY + this.rng.between(15 * HOUR, 23 * HOUR);
      const to = (p.activeMonthsAgo.to === 0 ? this.anchor - 2 * DAY : addMonths(this.anchor, -p.activeMonthsAgo.to)) - this.rng.between(HOUR, 8 * HOUR);
      const person: Person = {
        named: p, plan, first: p.firstName, last: p.lastName, full: p.fullName, email: p.email, phone: p.phone, place,
        company: p.company, job: p.jobTitle, lang: p.preferredLanguage, user: null, lead: null, account: null,
        from, to, intensity: plan.intensity, cookies: [p.cookieId], devices: [], gpsPings: plan.gpsPings, marketing: true,
      };
      if (p.accountId && p.userId && p.customerNumber) {
        let account = accounts.get(p.accountId);
        if (!account) {
          const churnedAt = p.activeMonthsAgo.to > 0 ? to + 2 * DAY : null;
          account = this.account(p.accountId, p.company, p.email.split("@")[1]!, plan.industry, plan.plan, from, churnedAt, p.email);
          accounts.set(p.accountId, account);
        }
        this.user(person, account, p.userId, p.customerNumber, {
          street: p.address?.street ?? null, zip: p.address?.postalCode ?? null, dob: p.dateOfBirth,
          password: plan.passwordHash ? (p.neverDisclose?.passwordHash ?? this.passwordHash()) : null,
          qa: p.neverDisclose ? [p.neverDisclose.securityQuestion, p.neverDisclose.securityAnswer] : plan.securityQa ? this.securityQa() : null,
        });
        if (plan.convertedLead && p.leadId) this.lead(person, p.leadId, from - 20 * DAY, "webinar signup");
      } else if (p.leadId) {
        this.lead(person, p.leadId, addMonths(this.anchor, -8), "webinar signup");
      }
      if (plan.devicePlatform && person.user) this.device(person, plan.devicePlatform, p.deviceId ?? undefined);
      this.people.push(person);
    }
  }

  private generatedAccounts(users: number): void {
    let made = 0;
    while (made < users) {
      const size = Math.min(users - made, this.rng.weighted([[1, 40], [2, 25], [3, 15], [this.rng.int(4, 6), 15], [this.rng.int(7, 12), 5]] as const));
      const ownerPlace = this.rng.weighted(PLACE_WEIGHTS);
      const spanishOwner = this.rng.chance(0.3);
      const [company, industry] = this.companyName(spanishOwner);
      const created = this.rng.between(this.start + 5 * DAY, this.anchor - 25 * DAY);
      const churnedAt = this.anchor - created > 90 * DAY && this.rng.chance(0.22) ? this.rng.between(created + 60 * DAY, this.anchor - 10 * DAY) : null;
      const plan = this.rng.weighted(PLANS.map(([p, , w]) => [p, w] as const));
      const account = this.account(this.id("acc_"), company, `${slug(company)}.example`, industry, plan, created, churnedAt, null);
      for (let i = 0; i < size; i++) {
        const spanish = i === 0 ? spanishOwner : this.rng.chance(0.3);
        const place = i === 0 || this.rng.chance(0.7) ? ownerPlace : this.rng.weighted(PLACE_WEIGHTS);
        const first = this.rng.pick(spanish ? FIRST_ES : FIRST_OTHER);
        const last = spanish && this.rng.chance(0.3) ? `${this.rng.pick(LAST_ES)} ${this.rng.pick(LAST_ES)}` : this.rng.pick(spanish ? LAST_ES : LAST_OTHER);
        const from = i === 0 ? created : this.rng.between(created, created + Math.min(150 * DAY, account.until - created - 5 * DAY));
        let to = churnedAt ? churnedAt - this.rng.between(0, 7 * DAY) : this.anchor - this.rng.between(2 * HOUR, 25 * DAY);
        if (this.rng.chance(0.1) && to - from > 40 * DAY) to = this.rng.between(from + 20 * DAY, to); // left the team early
        const lang = spanish && this.rng.chance(0.45) ? "es" : this.rng.weighted([["en", 92], ["fr", 3], ["de", 2], ["pt", 2], ["ja", 1]] as const);
        const person: Person = {
          named: null, plan: null, first, last, full: `${first} ${last}`, email: this.emailFor(first, last, account.row.domain),
          phone: this.rng.chance(0.85) ? this.phoneFor(place) : null, place, company, lang,
          job: this.rng.chance(0.9) ? (lang === "es" && this.rng.chance(0.5) ? this.rng.pick(JOB_TITLES_ES) : this.rng.pick(JOB_TITLES)) : null,
          user: null, lead: null, account: null, from, to: Math.min(Math.max(to, from + DAY), account.until), intensity: this.rng.float(0.3, 1.8),
          cookies: [], devices: [], gpsPings: 0, marketing: this.rng.chance(0.7),
        };
        if (i === 0) account.row.billing_email = this.rng.chance(0.9) ? person.email : `billing@${account.row.domain}`;
        const sso = this.rng.chance(0.12);
        this.user(person, account, this.id("usr_"), this.customerNumber(), {
          street: `${this.rng.int(12, 9800)} ${this.rng.pick(STREETS)}${this.rng.chance(0.25) ? `, ${this.rng.pick(UNITS)}` : ""}`,
          zip: this.rng.pick(place.zips),
          dob: this.rng.chance(0.35) ? isoDay(this.rng.between(this.anchor - 70 * 365 * DAY, this.anchor - 21 * 365 * DAY)) : null,
          password: sso ? null : this.passwordHash(),
          qa: !sso && this.rng.chance(0.6) ? this.securityQa() : null,
        });
        if (this.rng.chance(0.35) && from - 60 * DAY > this.start) {
          const [source] = this.rng.weighted(LEAD_SOURCES.map((s) => [s, s[1]] as const));
          this.lead(person, this.id("lead_"), from - this.rng.between(3 * DAY, 60 * DAY), source);
        }
        if (this.rng.chance(0.38)) {
          this.device(person, this.rng.chance(0.55) ? "ios" : "android");
          if (this.rng.chance(0.1)) this.device(person, this.rng.chance(0.5) ? "ios" : "android");
          if (this.rng.chance(0.3)) person.gpsPings = this.rng.int(8, 40);
        }
        this.people.push(person);
      }
      made += size;
    }
  }

  private leadOnlyPerson(): void {
    const place = this.rng.weighted(PLACE_WEIGHTS);
    const spanish = this.rng.chance(0.3);
    const first = this.rng.pick(spanish ? FIRST_ES : FIRST_OTHER);
    const last = this.rng.pick(spanish ? LAST_ES : LAST_OTHER);
    const created = this.rng.between(this.start + 30 * DAY, this.anchor - 3 * DAY);
    const from = Math.max(this.start, created - this.rng.between(0, 60 * DAY));
    const to = Math.min(this.anchor - HOUR, created + this.rng.between(DAY, 20 * 30 * DAY));
    const [company] = this.rng.chance(0.6) ? this.companyName(spanish) : [null];
    let email = this.emailFor(first, last, company ? `${slug(company)}.example` : this.rng.pick(["example.com", "example.net", "example.org"]));
    // Some lists arrive with capitals in addresses; matching must not depend on case.
    if (this.rng.chance(0.05)) email = email.replace(/^[a-z]|\.[a-z]/g, (c) => c.toUpperCase());
    const [source, , viaForm] = this.rng.weighted(LEAD_SOURCES.map((s) => [s, s[1]] as const));
    const person: Person = {
      named: null, plan: null, first, last, full: `${first} ${last}`, email, place,
      phone: source === "purchased list from data broker" || this.rng.chance(0.5) ? this.phoneFor(place) : null,
      company: company ?? "", job: this.rng.chance(0.7) ? this.rng.pick(JOB_TITLES) : null,
      lang: spanish && this.rng.chance(0.4) ? "es" : "en", user: null, lead: null, account: null,
      from, to, intensity: this.rng.float(0.2, 1), cookies: [], devices: [], gpsPings: 0, marketing: this.rng.chance(0.85),
    };
    this.lead(person, this.id("lead_"), created, source, viaForm);
    this.people.push(person);
  }

  private customerNumber(): string {
    for (;;) {
      const n = `PL-${this.rng.int(100000, 999999)}`;
      if (this.customerNumbers.has(n)) continue;
      this.customerNumbers.add(n);
      return n;
    }
  }

  private securityQa(): [string, string] {
    const [q, answers] = this.rng.pick(SECURITY_QA);
    return [q, this.rng.pick(answers)];
  }

  private account(id: string, company: string, domain: string, industry: string, plan: string, created: number, churnedAt: number | null, billingEmail: string | null): Account {
    const row: AccountsTable = {
      id, company_name: company, domain, industry, plan, seats: 1, status: churnedAt ? "churned" : "active",
      billing_email: billingEmail ?? "", created_at: ts(created), updated_at: ts(created),
    };
    const account: Account = { row, members: [], until: churnedAt ?? this.anchor - HOUR, churnedAt };
    this.accounts.push(account);
    this.rows.accounts.push(row);
    return account;
  }

  private user(person: Person, account: Account, id: string, customerNumber: string,
    extra: { street: string | null; zip: string | null; dob: string | null; password: string | null; qa: [string, string] | null }): void {
    const isOwner = account.members.length === 0;
    const row: UsersTable = {
      id, account_id: account.row.id, customer_number: customerNumber, first_name: person.first, last_name: person.last,
      full_name: person.full, email: person.email, phone: person.phone, street: extra.street, city: person.place.city,
      state: person.place.state, postal_code: extra.zip, country: person.place.country, date_of_birth: extra.dob,
      job_title: person.job, company: person.company, role: isOwner ? "owner" : this.rng.chance(0.25) ? "admin" : "agent",
      preferred_language: person.lang, password_hash: extra.password, security_question: extra.qa?.[0] ?? null,
      security_answer: extra.qa?.[1] ?? null, last_login_at: ts(Math.max(person.from, person.to - this.rng.between(0, 2 * DAY))),
      created_at: ts(person.from), updated_at: ts(person.to),
    };
    person.user = row;
    person.account = account;
    if (person.cookies.length === 0) person.cookies.push(this.cookie());
    if (this.rng.chance(0.4)) person.cookies.push(this.cookie());
    account.members.push(person);
    account.row.seats = account.members.length + (account.row.plan === "Enterprise" ? 10 : 0);
    if (person.to > Date.parse(account.row.updated_at.replace(" ", "T") + "Z")) account.row.updated_at = ts(person.to);
    this.rows.users.push(row);
  }

  private lead(person: Person, id: string, created: number, source: string, viaForm = true): void {
    if (person.cookies.length === 0) person.cookies.push(this.cookie());
    const detail: Record<string, string> = {
      "webinar signup": "Webinar: Inbox zero for support teams",
      "ebook download": "The support benchmarks report",
      "purchased list from data broker": "West Coast SaaS decision makers list",
      "contact enrichment provider": "Matched on work e-mail",
      "trade show badge scan": "Customer Service Expo booth scan",
    };
    const row: LeadsTable = {
      id, email: person.email, first_name: person.first, last_name: person.last, full_name: person.full,
      company: person.company || null, job_title: person.job, phone: person.phone, city: person.place.city,
      state: person.place.state, country: person.place.country, source, source_detail: detail[source] ?? null,
      cookie_id: viaForm ? person.cookies[0]! : null, user_id: person.user?.id ?? null, marketing_consent: person.marketing ? 1 : 0,
      created_at: ts(created), updated_at: ts(Math.max(created, person.user ? Date.parse(person.user.created_at.replace(" ", "T") + "Z") : created)),
    };
    person.lead = row;
    this.rows.leads.push(row);
  }

  private device(person: Person, platform: "ios" | "android", fixedId?: string): void {
    const spec = DEVICE_MODELS[platform];
    const first = this.rng.between(person.from, person.from + (person.to - person.from) / 3);
    const row: DevicesTable = {
      id: fixedId ?? this.rng.uuid(), user_id: person.user!.id, platform, os_version: this.rng.pick(spec.os), model: this.rng.pick(spec.models),
      app_version: this.rng.pick(APP_VERSIONS),
      push_token: platform === "ios" ? this.rng.chars(64) : `${this.rng.chars(11, BCRYPT.slice(2))}:APA91b${this.rng.chars(134, BCRYPT.slice(2))}`,
      advertising_id: this.rng.chance(0.6) ? (platform === "ios" ? this.rng.uuid().toUpperCase() : this.rng.uuid()) : null,
      first_seen_at: ts(first), last_seen_at: ts(person.to),
    };
    person.devices.push(row);
    this.rows.devices.push(row);
  }

  // --- billing ---------------------------------------------------------------------------

  private billing(account: Account): void {
    const owner = account.members[0];
    if (!owner?.user) return;
    const plan = owner.plan;
    const created = owner.from;
    const start = created + (plan || this.rng.chance(0.3) ? 0 : 14 * DAY);
    if (!plan && start > account.until - 20 * DAY) return; // a trial that never converted
    const end = account.churnedAt ?? this.anchor;
    const cards = [this.card(account, owner, Math.max(created, start - HOUR))];
    if (plan?.secondCard || (!plan && this.rng.chance(0.2) && end - start > 200 * DAY)) {
      const at = plan ? addMonths(this.anchor, -6) : this.rng.between(start + 90 * DAY, end - 30 * DAY);
      cards.push(this.card(account, owner, at));
    }
    const perSeat = PLAN_PRICE.get(account.row.plan) ?? 9900;
    const upgrade = plan ? plan.upgrade : this.rng.chance(0.15) && end - start > 180 * DAY;
    if (upgrade) {
      const switchAt = plan ? addMonths(this.anchor, -8) : this.rng.between(start + 60 * DAY, end - 30 * DAY);
      const older = account.row.plan === "Starter" ? "Starter" : PLANS[PLANS.findIndex(([p]) => p === account.row.plan) - 1]?.[0] ?? "Starter";
      this.subscription(account, owner, cards, older, PLAN_PRICE.get(older)!, start, switchAt, true);
      this.subscription(account, owner, cards, account.row.plan, perSeat, switchAt, account.churnedAt, false);
    } else {
      this.subscription(account, owner, cards, account.row.plan, perSeat, start, account.churnedAt, false);
    }
  }

  private card(account: Account, owner: Person, at: number): { id: string; from: number } {
    const id = this.id("pm_");
    const expiry = new Date(addMonths(at, this.rng.int(18, 60)));
    this.rows.payment_methods.push({
      id, account_id: account.row.id, user_id: owner.user!.id,
      cardholder_name: this.rng.chance(0.85) ? owner.full : account.row.company_name,
      card_brand: this.rng.weighted([["visa", 50], ["mastercard", 30], ["amex", 15], ["discover", 5]] as const),
      last4: this.rng.digits(4), exp_month: expiry.getUTCMonth() + 1, exp_year: expiry.getUTCFullYear(),
      billing_zip: owner.user!.postal_code ?? this.rng.pick(owner.place.zips), billing_country: owner.place.country, created_at: ts(at),
    });
    return { id, from: at };
  }

  private subscription(account: Account, owner: Person, cards: { id: string; from: number }[], plan: string, perSeat: number,
    start: number, canceledAt: number | null, replaced: boolean): void {
    const id = this.id("sub_");
    const amount = perSeat * account.row.seats;
    const currency = owner.place.country === "CA" ? "CAD" : owner.place.country === "GB" ? "GBP" : "USD";
    this.rows.subscriptions.push({
      id, account_id: account.row.id, plan, seats: account.row.seats, status: canceledAt ? "canceled" : "active",
      monthly_amount_cents: amount, currency, started_at: ts(start), canceled_at: canceledAt ? ts(canceledAt) : null,
      created_at: ts(start),
    });
    const end = canceledAt ?? this.anchor;
    for (let k = 0, issued = start; issued < end; k++, issued = addMonths(start, k)) {
      const recent = issued > this.anchor - 5 * DAY;
      const pastDue = !recent && !owner.plan && this.rng.chance(0.02);
      const voided = !replaced && canceledAt !== null && addMonths(issued, 1) >= end && this.rng.chance(0.3);
      const card = [...cards].reverse().find((c) => c.from <= issued) ?? cards[0]!;
      const status = voided ? "void" : recent ? "open" : pastDue ? "past_due" : "paid";
      const n = this.seq.invoice++;
      this.rows.invoices.push({
        id: this.id("in_"), invoice_number: `INV-${isoDay(issued).slice(0, 7).replace("-", "")}-${String(n).padStart(5, "0")}`,
        account_id: account.row.id, subscription_id: id, user_id: owner.user!.id, billing_email: account.row.billing_email,
        payment_method_id: card.id, amount_cents: amount, currency, status, issued_at: ts(issued),
        paid_at: status === "paid" ? ts(Math.min(issued + this.rng.between(0, 3 * DAY), this.anchor - MINUTE)) : null,
      });
    }
  }

  private creditApplications(): void {
    const spare = [...SPARE_SSNS];
    let ein = 3;
    for (const account of this.accounts) {
      const owner = account.members[0];
      if (!owner?.user) continue;
      let kind = owner.plan?.creditApplication ?? null;
      if (!owner.named && owner.to - owner.from > 120 * DAY) {
        if (account.members.length === 1 && spare.length > 0 && this.rng.chance(0.04)) kind = "ssn";
        else if (account.members.length >= 3 && ein > 0 && this.rng.chance(0.05)) {
          kind = "ein";
          ein--;
        }
      }
      if (!kind) continue;
      const secret = owner.named?.neverDisclose;
      const submitted = owner.named
        ? addMonths(this.anchor, kind === "ssn" ? -5 : -16) + this.rng.between(15 * HOUR, 23 * HOUR)
        : this.rng.between(owner.from + 30 * DAY, owner.to - 10 * DAY);
      const sole = kind === "ssn";
      this.rows.credit_applications.push({
        id: this.id("ca_"), account_id: account.row.id, user_id: owner.user.id, legal_business_name: owner.named ? owner.company : `${account.row.company_name}${sole ? "" : " LLC"}`,
        business_type: sole ? "sole_proprietorship" : "llc", ein: sole ? null : `${this.rng.digits(2)}-${this.rng.digits(7)}`,
        ssn: sole ? (secret?.ssn ?? spare.shift()!) : null,
        drivers_license_number: sole ? (secret?.driversLicenseNumber ?? `${this.rng.pick(["A", "B", "D", "F", "Y"])}${this.rng.digits(7)}`) : null,
        drivers_license_state: sole ? (secret?.driversLicenseState ?? owner.place.state ?? "CA") : null,
        bank_account_number: sole ? (secret?.bankAccountNumber ?? this.rng.digits(10)) : null,
        bank_routing_number: sole ? `12${this.rng.digits(7)}` : null,
        annual_revenue_cents: this.rng.int(80, 4000) * 1_000_00, requested_credit_limit_cents: this.rng.int(5, 50) * 1_000_00,
        decision: this.rng.weighted([["approved", 7], ["declined", 2]] as const), submitted_at: ts(submitted),
        decided_at: ts(submitted + this.rng.between(DAY, 6 * DAY)),
      });
    }
  }

  // --- activity --------------------------------------------------------------------------

  private activity(p: Person): void {
    const months = (p.to - p.from) / (30 * DAY);
    if (p.user && p.account) {
      for (const at of this.spread(Math.max(2, Math.round(months * p.intensity * this.rng.float(1, 2))), p.from, p.to)) {
        this.rows.usage_events.push({ id: this.seq.usage++, user_id: p.user.id, account_id: p.account.row.id, feature: this.rng.pick(FEATURES), count: this.rng.int(1, 150), occurred_at: ts(at) });
      }
    }
    const webSessions = Math.max(2, Math.round(months * p.intensity * this.rng.float(0.6, 1.4) * (p.user ? 1 : 0.5)));
    for (const at of this.spread(webSessions, p.from, p.to)) this.webSession(p, at);
    for (const device of p.devices) {
      const first = Date.parse(device.first_seen_at.replace(" ", "T") + "Z");
      for (const at of this.spread(Math.max(2, Math.round(months * p.intensity * this.rng.float(0.4, 1))), first, p.to)) this.appSession(p, device, at);
      if (p.gpsPings > 0 && device === p.devices[0]) this.pings(p, device, first);
    }
    if (p.marketing) this.emailEvents(p);
    this.support(p);
    this.segmentsAndScores(p);
    this.registrations(p);
    if (p.user) this.officeVisits(p);
  }

  private sessionIp(cookieOrDevice: string, p: Person): [string, Place] {
    if (!this.cookieIp.has(cookieOrDevice)) this.cookieIp.set(cookieOrDevice, this.ip());
    return this.rng.chance(0.75) ? [this.cookieIp.get(cookieOrDevice)!, p.place] : [this.ip(), this.rng.weighted(PLACE_WEIGHTS)];
  }

  private webSession(p: Person, at: number): void {
    const cookie = this.rng.chance(0.75) ? p.cookies[0]! : this.rng.pick(p.cookies);
    if (!this.cookieUa.has(cookie)) this.cookieUa.set(cookie, this.rng.pick(BROWSER_UAS));
    const [ip, place] = this.sessionIp(cookie, p);
    const loggedIn = p.user !== null && this.rng.chance(0.7);
    let referrer: string | null = loggedIn ? null : this.rng.chance(0.6) ? this.rng.pick(REFERRERS) : null;
    const steps = this.rng.int(1, 5);
    for (let i = 0, t = at; i < steps && t <= p.to; i++, t += this.rng.between(15_000, 4 * MINUTE)) {
      const url = loggedIn
        ? `https://app.parlay.example${fill(this.rng.pick(APP_PATHS), { n: String(this.rng.int(1000, 99999)) })}`
        : `https://www.parlay.example${this.rng.pick(MARKETING_PATHS)}`;
      const eventType = loggedIn && i === 0 ? "login" : this.rng.weighted([["page_view", 8], ["click", 3], ["search", 1]] as const);
      this.rows.web_app_events.push({
        id: this.seq.web++, source: "web", cookie_id: cookie, device_id: null, user_id: loggedIn ? p.user!.id : null,
        event_type: eventType, url, referrer, user_agent: this.cookieUa.get(cookie)!, ip_address: ip, ip_city: place.city,
        ip_region: place.state, ip_country: place.country, occurred_at: ts(t),
      });
      referrer = url;
    }
  }

  private appSession(p: Person, device: DevicesTable, at: number): void {
    const [ip, place] = this.sessionIp(device.id, p);
    const ua = `Parlay/${device.app_version} (${device.model}; ${device.platform === "ios" ? "iOS" : "Android"} ${device.os_version})`;
    const steps = this.rng.int(1, 6);
    for (let i = 0, t = at; i < steps && t <= p.to; i++, t += this.rng.between(5_000, 3 * MINUTE)) {
      this.rows.web_app_events.push({
        id: this.seq.web++, source: `${device.platform}_app`, cookie_id: null, device_id: device.id, user_id: p.user!.id,
        event_type: i === 0 ? this.rng.weighted([["app_open", 4], ["push_opened", 1]] as const) : this.rng.weighted([["screen_view", 5], ["message_sent", 3]] as const),
        url: fill(this.rng.pick(APP_SCREENS), { n: String(this.rng.int(1000, 99999)) }), referrer: null, user_agent: ua,
        ip_address: ip, ip_city: place.city, ip_region: place.state, ip_country: place.country, occurred_at: ts(t),
      });
    }
  }

  private pings(p: Person, device: DevicesTable, first: number): void {
    const home = { lat: p.place.lat + this.rng.float(-0.03, 0.03), lng: p.place.lng + this.rng.float(-0.03, 0.03) };
    const exact = p.named?.preciseLocation;
    const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
    this.spread(p.gpsPings, first, p.to).forEach((at, i) => {
      const near = this.rng.chance(0.7);
      const spreadDeg = near ? 0.002 : 0.03;
      this.rows.location_pings.push({
        id: this.seq.ping++, device_id: device.id, user_id: p.user!.id,
        latitude: i === 0 && exact ? exact.latitude : round6(home.lat + this.rng.float(-spreadDeg, spreadDeg)),
        longitude: i === 0 && exact ? exact.longitude : round6(home.lng + this.rng.float(-spreadDeg, spreadDeg)),
        accuracy_m: this.rng.int(4, 25), recorded_at: ts(at),
      });
    });
  }

  private emailEvents(p: Person): void {
    const d = new Date(p.from);
    for (let m = 0; ; m++) {
      const month = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + m, 1);
      if (month > p.to) return;
      const sent = month + this.rng.between(DAY, 9 * DAY) + 16 * HOUR;
      if (sent < p.from || sent > p.to || !this.rng.chance(0.6)) continue;
      const sd = new Date(sent);
      const es = p.lang === "es";
      const kind = this.rng.weighted([["digest", 6], ["webinar", 2], ["product", 2]] as const);
      const campaign = kind === "digest"
        ? es ? `Novedades de Parlay, ${MONTHS_ES[sd.getUTCMonth()]} ${sd.getUTCFullYear()}` : `Parlay Digest, ${MONTHS_EN[sd.getUTCMonth()]} ${sd.getUTCFullYear()}`
        : kind === "webinar" ? (es ? "Invitación: taller de WhatsApp" : "You're invited: Inbox zero for support teams") : es ? "Nuevo: respuestas con IA" : "New in Parlay: AI answers";
      const tag = `${kind}-${isoDay(sent).slice(0, 7)}`;
      const push = (event_type: string, at: number, link_url: string | null = null) =>
        at <= p.to && this.rows.email_events.push({ id: this.seq.email++, recipient_email: p.email, campaign, event_type, link_url, occurred_at: ts(at) });
      push("delivered", sent);
      if (this.rng.chance(0.45)) {
        const opened = sent + this.rng.between(5 * MINUTE, 2 * DAY);
        push("opened", opened);
        if (this.rng.chance(0.35)) push("clicked", opened + this.rng.between(10_000, 10 * MINUTE), `https://www.parlay.example/blog/${kind}?utm_source=email&utm_medium=newsletter&utm_campaign=${tag}`);
      }
      if (!p.named && this.rng.chance(0.02)) return void push("unsubscribed", sent + this.rng.between(HOUR, DAY));
    }
  }

  private support(p: Person): void {
    const r = this.rng.float();
    const n = p.plan ? p.plan.support : p.user ? (r < 0.55 ? 0 : r < 0.8 ? 1 : r < 0.93 ? 2 : 3) : r < 0.08 ? 1 : 0;
    if (n === 0) return;
    const lang = p.lang === "es" ? "es" : "en";
    const colleagues = p.account?.members.filter((m) => m !== p && m.user) ?? [];
    this.spread(n, p.from, p.to - HOUR).forEach((at, i) => {
      let template: Template;
      let colleague: Person | undefined;
      if (p.named?.key === "ordinary" && i === n - 1) {
        template = OPENERS.en[6]!;
        colleague = colleagues.find((c) => c.full === p.named!.mentions?.[0]);
      } else if (!p.user) {
        template = this.rng.pick(PRESALES);
      } else {
        // Only a few messages name a colleague: enough to exercise third-party redaction.
        const mention = !p.named && colleagues.length > 0 && this.rng.chance(0.03);
        template = this.rng.pick(OPENERS[lang].filter((t) => (t.colleague === true) === mention));
        if (mention) colleague = this.rng.pick(colleagues);
      }
      const values = { company: p.company, first: p.first, colleague: colleague?.full ?? "", colleagueFirst: colleague?.first ?? "" };
      const convId = this.id("conv_");
      const agent = this.rng.pick(lang === "es" ? AGENTS_ES : AGENTS_EN);
      const messages: { type: string; author: string; userId: string | null; body: string }[] = [];
      const channel = p.user ? this.rng.weighted([["messenger", 6], ["email", 3], ["phone", 1]] as const) : "messenger";
      messages.push({ type: "customer", author: p.full, userId: p.user?.id ?? null, body: fill(template.body, values) });
      if (channel === "messenger" && this.rng.chance(0.5)) messages.push({ type: "bot", author: "Parlay Bot", userId: null, body: BOT_GREETING[lang] });
      const turns = this.rng.int(1, 3);
      for (let k = 0; k < turns; k++) {
        messages.push({ type: "agent", author: agent, userId: null, body: fill(AGENT_REPLIES[lang][k % (AGENT_REPLIES[lang].length - 1)]!, values) });
        if (k < turns - 1 || this.rng.chance(0.7)) messages.push({ type: "customer", author: p.full, userId: p.user?.id ?? null, body: this.rng.pick(CUSTOMER_FOLLOWUPS[lang]) });
      }
      let t = at;
      let last = at;
      for (const m of messages) {
        if (t > p.to) break;
        this.rows.support_messages.push({ id: this.id("msg_"), conversation_id: convId, author_type: m.type, author_user_id: m.userId, author_name: m.author, body: m.body, created_at: ts(t) });
        last = t;
        t += this.rng.between(2 * MINUTE, 20 * HOUR);
      }
      const closed = last + HOUR <= p.to && this.rng.chance(0.85);
      if (closed && t <= p.to) {
        this.rows.support_messages.push({ id: this.id("msg_"), conversation_id: convId, author_type: "agent", author_user_id: null, author_name: agent, body: fill(AGENT_REPLIES[lang][AGENT_REPLIES[lang].length - 1]!, values), created_at: ts(t) });
        last = t;
      }
      this.rows.support_conversations.push({
        id: convId, account_id: p.account?.row.id ?? null, user_id: p.user?.id ?? null, contact_email: p.email,
        subject: template.subject, channel, status: closed ? "closed" : "open", assignee_name: agent,
        created_at: ts(at), closed_at: closed ? ts(Math.min(last + HOUR, p.to)) : null,
      });
    });
  }

  private segmentsAndScores(p: Person): void {
    const count = p.plan ? p.plan.segments : p.user ? this.rng.int(0, 3) : this.rng.int(1, 2);
    const chosen = new Set<SegmentsTable>();
    if (p.lang === "es" && count > 0) chosen.add(this.segments[5]!);
    while (chosen.size < count) chosen.add(this.rng.pick(this.segments));
    const added = this.spread(Math.max(1, chosen.size), p.from, p.to);
    [...chosen].forEach((segment, i) => {
      this.rows.segment_memberships.push({ id: this.id("sm_"), segment_id: segment.id, user_id: p.user?.id ?? null, lead_id: p.user ? null : p.lead?.id ?? null, added_at: ts(added[i]!) });
    });
    const scorings = p.user ? Math.min(6, Math.max(1, Math.floor((p.to - p.from) / (90 * DAY)))) : p.named || this.rng.chance(0.5) ? 1 : 0;
    const churned = p.account?.churnedAt != null;
    for (const at of scorings > 0 ? this.spread(scorings, p.from, p.to) : []) {
      const interests = new Set<string>();
      for (let k = this.rng.int(2, 4); interests.size < k; ) interests.add(this.rng.pick(INTERESTS));
      this.rows.inferred_profiles.push({
        id: this.id("ip_"), user_id: p.user?.id ?? null, lead_id: p.user ? null : p.lead?.id ?? null,
        churn_risk: Math.round(this.rng.float(churned ? 0.5 : 0.02, churned ? 0.98 : 0.7) * 1000) / 1000,
        upsell_score: this.rng.int(0, 100), inferred_interests: JSON.stringify([...interests]),
        inferred_seniority: p.user?.role === "owner" ? "owner" : this.rng.pick(SENIORITY),
        inferred_company_size: p.account ? COMPANY_SIZES[Math.min(4, Math.floor(Math.log10(p.account.row.seats * 3)))]! : this.rng.pick(COMPANY_SIZES),
        model_version: at < addMonths(this.anchor, -12) ? "propensity-2024.2" : "propensity-2025.3", scored_at: ts(at),
      });
    }
  }

  private registrations(p: Person): void {
    const eligible = EVENTS.map(([monthsAgo, name, inPerson]) => {
      const date = addMonths(Date.UTC(new Date(this.anchor).getUTCFullYear(), new Date(this.anchor).getUTCMonth(), 15, 17), -monthsAgo);
      return { date, name: name.replace("{Y}", String(new Date(date).getUTCFullYear())), inPerson };
    }).filter((e) => e.date - 10 * DAY >= p.from && e.date + DAY <= p.to && (p.lang === "es" || !e.name.startsWith("Taller")));
    const wanted = p.plan ? p.plan.registrations : -1;
    const chosen = wanted >= 0
      ? (wanted >= 2 ? [eligible[0], eligible[eligible.length - 1]] : wanted === 1 ? [eligible[eligible.length - 1]] : []).filter((e) => e !== undefined)
      : eligible.filter(() => this.rng.chance(0.1));
    for (const event of new Set(chosen)) {
      const registered = Math.max(p.from, event.date - this.rng.between(3 * DAY, 40 * DAY));
      const attended = p.named || this.rng.chance(0.6);
      this.rows.event_registrations.push({
        id: this.id("reg_"), event_name: event.name, event_date: isoDay(event.date), email: p.email, full_name: p.full,
        company: p.company || null, job_title: p.job, phone: this.rng.chance(0.6) ? p.phone : null,
        dietary_preference: event.inPerson && this.rng.chance(0.3) ? this.rng.pick(DIETS) : null,
        user_id: p.user?.id ?? null, lead_id: p.user ? null : p.lead?.id ?? null, attended: attended ? 1 : 0,
        registered_at: ts(registered), checked_in_at: attended ? ts(event.date + this.rng.between(0, 50 * MINUTE)) : null,
      });
    }
  }

  private officeVisits(p: Person): void {
    const n = p.plan ? p.plan.officeVisits : this.rng.chance(0.04) ? 1 : 0;
    for (const day of n > 0 ? this.spread(n, p.from, p.to - DAY) : []) {
      const visited = Math.floor(day / DAY) * DAY + this.rng.between(16 * HOUR, 23 * HOUR);
      if (visited > p.to) continue;
      const [office, code] = this.rng.pick(OFFICES);
      const secret = p.named?.neverDisclose;
      const idType: string | null = secret ? "passport" : this.rng.chance(0.5) ? this.rng.pick(["driver_license", "passport"]) : null;
      let idNumber: string | null = secret?.passportNumber ?? null;
      if (!secret && idType && !p.named && this.photoIdNumbersLeft > 0 && this.rng.chance(0.3)) {
        this.photoIdNumbersLeft--;
        idNumber = idType === "passport" ? `${this.rng.pick(["X", "Z", "A"])}${this.rng.digits(8)}` : `${this.rng.pick(["B", "D", "F"])}${this.rng.digits(7)}`;
      }
      if (!idType) idNumber = null;
      const compact = ts(visited).replace(/[-: ]/g, "").slice(0, 14); // YYYYMMDDhhmmss
      this.rows.office_visits.push({
        id: this.id("visit_"), office, visitor_name: p.full, visitor_email: p.email, visitor_company: p.company || null,
        host_name: this.rng.pick(HOSTS), badge_number: `V-${isoDay(visited).slice(2, 4)}-${String(this.seq.badge++).padStart(5, "0")}`,
        photo_id_type: idType, photo_id_number: idNumber, signature_ref: `sig_${this.rng.chars(16)}`,
        cctv_still_ref: `cctv/${code}-lobby-cam${this.rng.int(1, 3)}/${compact}.png`, user_id: p.user?.id ?? null,
        visited_at: ts(visited), departed_at: ts(Math.min(visited + this.rng.between(30 * MINUTE, 3 * HOUR), p.to)),
      });
    }
  }
}

/** Builds every row of the demo business in memory (about 90,000 rows for 1,200 people, ~0.5 s). */
export function generateDemoBusiness(options: GenerateOptions = {}): DemoDataset {
  const resolved = { people: options.people ?? DEFAULT_PEOPLE, anchor: options.anchor ?? DEFAULT_ANCHOR, seed: options.seed ?? DEFAULT_SEED };
  if (!Number.isInteger(resolved.people) || resolved.people < DEMO_PEOPLE.length) {
    throw new RangeError(`people must be an integer of at least ${DEMO_PEOPLE.length} (the named demo people)`);
  }
  const generator = new DemoGenerator(resolved);
  const people = generator.run();
  return { rows: generator.rows, people, anchor: resolved.anchor };
}

/**
 * Extra web/app events for the heavy demo person, for the benchmark. Streams rows so that 100,000 of
 * them never sit in memory at once. All fall inside the 12 months before the anchor.
 */
export function* generateHeavyEvents(anchor: Date, count: number, firstId: number, seed = DEFAULT_SEED): Generator<WebAppEventsTable> {
  const person = demoPerson(HEAVY_PERSON_KEY);
  const rng = new Rng(seed ^ 0x5eed);
  const end = anchor.getTime() - HOUR;
  const begin = addMonths(anchor.getTime(), -12) + DAY;
  const place = PLACES.find((p) => p.city === person.address?.city) ?? PLACES[0]!;
  const homeIp = "198.51.100.77";
  for (let i = 0; i < count; i++) {
    const at = Math.floor(begin + ((end - begin) * (i + rng.float())) / count);
    const app = person.deviceId !== null && rng.chance(0.3);
    yield {
      id: firstId + i, source: app ? "ios_app" : "web", cookie_id: app ? null : person.cookieId, device_id: app ? person.deviceId : null,
      user_id: person.userId, event_type: app ? rng.pick(["screen_view", "message_sent"]) : rng.pick(["page_view", "page_view", "click"]),
      url: app ? fill(rng.pick(APP_SCREENS), { n: String(rng.int(1000, 99999)) }) : `https://app.parlay.example${fill(rng.pick(APP_PATHS), { n: String(rng.int(1000, 99999)) })}`,
      referrer: null, user_agent: app ? "Parlay/5.2.0 (iPhone 15 Pro; iOS 18.1)" : BROWSER_UAS[0]!, ip_address: rng.chance(0.9) ? homeIp : `203.0.113.${rng.int(1, 254)}`,
      ip_city: place.city, ip_region: place.state, ip_country: place.country, occurred_at: ts(at),
    };
  }
}
