/**
 * The named people of the demo business ("Parlay"). They are fixed, not random: tests, the README
 * and the start-up banner rely on them, and a newcomer types these values into the portal to try a
 * request. Every other person in the demo database is generated (db/demo-business/generate.ts).
 *
 * Phone numbers use the 555-01XX range reserved for fiction; e-mail domains end in .example or are
 * example.net (RFC 2606); the SSNs come from the range the SSA reserved for advertising
 * (987-65-4320..4329). None of these belong to a real person.
 */

export type DemoPersonKey =
  | "ordinary"
  | "never_disclose"
  | "precise_gps"
  | "older_than_12_months"
  | "heavy"
  | "spanish_speaker"
  | "contact_only"
  | "namesake";

export interface DemoAddress {
  street: string;
  city: string;
  state: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2 */
  country: string;
}

/** Values the business holds that must never be disclosed (11 CCR 7024(d)); tests scan reports for them. */
export interface DemoNeverDisclose {
  ssn: string;
  driversLicenseNumber: string;
  driversLicenseState: string;
  bankAccountNumber: string;
  passportNumber: string;
  passwordHash: string;
  securityQuestion: string;
  securityAnswer: string;
}

export interface DemoPerson {
  key: DemoPersonKey;
  firstName: string;
  lastName: string;
  fullName: string;
  /** As stored by the business (lower case). */
  email: string;
  /** As the person typed it when signing up; formats differ on purpose. */
  phone: string | null;
  address: DemoAddress | null;
  /** YYYY-MM-DD, when the business stores it. */
  dateOfBirth: string | null;
  /** "PL-123456", shown in the product and on invoices; null for people without an account. */
  customerNumber: string | null;
  userId: string | null;
  accountId: string | null;
  /** The marketing lead row, if the person was (or only is) a lead. */
  leadId: string | null;
  company: string;
  jobTitle: string;
  /** BCP 47 primary tag. */
  preferredLanguage: string;
  /** First-party cookie id of the person's main browser. */
  cookieId: string;
  /** Mobile app device id, when the person uses the app. */
  deviceId: string | null;
  /** All of the person's records fall between these many months before the anchor date (0 = days before it). */
  activeMonthsAgo: { from: number; to: number };
  /** One line for the README and the docs: why this person is in the demo. */
  interesting: string;
  neverDisclose?: DemoNeverDisclose;
  /** Exact coordinates of the person's first location ping (precise geolocation, shown in reports). */
  preciseLocation?: { latitude: number; longitude: number };
  /** Other people named in this person's own support messages (third-party redaction cases). */
  mentions?: string[];
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    key: "ordinary",
    firstName: "Olivia",
    lastName: "Bennett",
    fullName: "Olivia Bennett",
    email: "olivia.bennett@brightharbor.example",
    phone: "(415) 555-0142",
    address: { street: "1458 Valencia Street, Apt 3", city: "San Francisco", state: "CA", postalCode: "94110", country: "US" },
    dateOfBirth: "1988-03-14",
    customerNumber: "PL-204816",
    userId: "usr_5c1e8a2f9b30",
    accountId: "acc_7d2b91e4c0a6",
    leadId: "lead_0f3a6c9e2b71",
    company: "Bright Harbor Outfitters",
    jobTitle: "Head of Customer Experience",
    preferredLanguage: "en",
    cookieId: "ck_9f2d7a1c4e8b6a03d5e1",
    deviceId: "5a0e3c7b-2d94-4f61-8b1e-6c3f9a2d7e40",
    activeMonthsAgo: { from: 29, to: 0 },
    interesting:
      "Ordinary customer: records in every table, both inside and outside the last 12 months; a support message names a colleague.",
    mentions: ["Priya Raman"],
  },
  {
    key: "never_disclose",
    firstName: "Marcus",
    lastName: "Whitfield",
    fullName: "Marcus Whitfield",
    email: "marcus@whitfieldbakery.example",
    phone: "+19165550178",
    address: { street: "2210 J Street", city: "Sacramento", state: "CA", postalCode: "95816", country: "US" },
    dateOfBirth: "1975-09-02",
    customerNumber: "PL-311572",
    userId: "usr_a4e07b3d5f18",
    accountId: "acc_b81f4c6a2d93",
    leadId: null,
    company: "Whitfield & Sons Bakery",
    jobTitle: "Owner",
    preferredLanguage: "en",
    cookieId: "ck_4b8e1f6a9c2d7e30a5b4",
    deviceId: null,
    activeMonthsAgo: { from: 20, to: 0 },
    interesting:
      "Never-disclose values: SSN, driver's licence and bank account on a credit application, passport number from an office visit, password hash, security question and answer.",
    neverDisclose: {
      ssn: "987-65-4321",
      driversLicenseNumber: "B7304512",
      driversLicenseState: "CA",
      bankAccountNumber: "4402918375",
      passportNumber: "Z58213976",
      passwordHash: "$2b$12$Qm7fK1vN3pLx8rTz2YcWuOe9hJ4sD6aB0nGqV5iXyE1lM8kR3tUwa",
      securityQuestion: "What was the name of your first pet?",
      securityAnswer: "Biscuit",
    },
  },
  {
    key: "precise_gps",
    firstName: "Priya",
    lastName: "Raman",
    fullName: "Priya Raman",
    email: "priya.raman@brightharbor.example",
    phone: "415.555.0163",
    address: { street: "742 Noe Street", city: "San Francisco", state: "CA", postalCode: "94114", country: "US" },
    dateOfBirth: null,
    customerNumber: "PL-418203",
    userId: "usr_3b9d6f0a1c57",
    accountId: "acc_7d2b91e4c0a6",
    leadId: null,
    company: "Bright Harbor Outfitters",
    jobTitle: "Field Sales Manager",
    preferredLanguage: "en",
    cookieId: "ck_e1a7c3f9b5d2084c6a1f",
    deviceId: "8e1f4d2a-6b3c-4f7e-9a05-2d6c1b8e7f34",
    activeMonthsAgo: { from: 26, to: 0 },
    interesting:
      "Precise GPS: the mobile app recorded her location to a few metres many times (sensitive, but disclosed); colleague of Olivia Bennett.",
    preciseLocation: { latitude: 37.759812, longitude: -122.433671 },
  },
  {
    key: "older_than_12_months",
    firstName: "Daniel",
    lastName: "Okafor",
    fullName: "Daniel Okafor",
    email: "daniel@okaforchiro.example",
    phone: "916-555-0190",
    address: { street: "5120 Folsom Boulevard", city: "Sacramento", state: "CA", postalCode: "95819", country: "US" },
    dateOfBirth: "1981-11-23",
    customerNumber: "PL-527390",
    userId: "usr_e6a2c8f41d09",
    accountId: "acc_c3f5a7e9b214",
    leadId: null,
    company: "Okafor Family Chiropractic",
    jobTitle: "Practice Owner",
    preferredLanguage: "en",
    cookieId: "ck_7c3e9a5f1b8d4026e2c9",
    deviceId: null,
    activeMonthsAgo: { from: 28, to: 14 },
    interesting:
      "Churned customer: every record is older than 12 months (but after 2022-01-01), so a default request finds nothing and a 'since 2022' request finds everything.",
  },
  {
    key: "heavy",
    firstName: "Grace",
    lastName: "Liu",
    fullName: "Grace Liu",
    email: "grace.liu@lumenridge.example",
    phone: "+1 (408) 555-0117",
    address: { street: "88 South First Street, Unit 1204", city: "San Jose", state: "CA", postalCode: "95113", country: "US" },
    dateOfBirth: null,
    customerNumber: "PL-630945",
    userId: "usr_1d7b5e9c3a62",
    accountId: "acc_d9a3e1b7f508",
    leadId: null,
    company: "Lumen Ridge Software",
    jobTitle: "Director of Support Operations",
    preferredLanguage: "en",
    cookieId: "ck_2f8b4d0e6a1c9753b8d2",
    deviceId: "c47a9e21-5f3d-4b80-a6e2-91d8f0b3c5a7",
    activeMonthsAgo: { from: 30, to: 0 },
    interesting:
      "Heavy user: the busiest account holder; the benchmark seeds 100,000 extra web/app events for her (seed option heavyPersonRecords).",
  },
  {
    key: "spanish_speaker",
    firstName: "José",
    lastName: "Núñez Ortega",
    fullName: "José Núñez Ortega",
    email: "jose.nunez@solysombra.example",
    phone: "(323) 555-0126",
    address: { street: "3321 Cesar E Chavez Avenue", city: "Los Angeles", state: "CA", postalCode: "90063", country: "US" },
    dateOfBirth: "1979-06-30",
    customerNumber: "PL-745128",
    userId: "usr_7f4a0c2e8b15",
    accountId: "acc_e2c8b4d06f71",
    leadId: null,
    company: "Taquería Sol y Sombra",
    jobTitle: "Propietario",
    preferredLanguage: "es",
    cookieId: "ck_6d1f3b9e7a5c2048f1e6",
    deviceId: "1b6d8f30-9a2e-4c75-b4d1-7e0a3c5f9b28",
    activeMonthsAgo: { from: 18, to: 0 },
    interesting:
      "Spanish speaker: accented name, preferred language es, support conversations written in Spanish.",
  },
  {
    key: "contact_only",
    firstName: "Zoë",
    lastName: "Łukasiewicz",
    fullName: "Zoë Łukasiewicz",
    email: "zoe.lukasiewicz@example.net",
    phone: "510 555 0199",
    address: null,
    dateOfBirth: null,
    customerNumber: null,
    userId: null,
    accountId: null,
    leadId: "lead_6a8c2e4f0b93",
    company: "Kestrel Bikes",
    jobTitle: "Customer Success Lead",
    preferredLanguage: "en",
    cookieId: "ck_b3e9f5a1d7c20864e9b3",
    deviceId: null,
    activeMonthsAgo: { from: 15, to: 1 },
    interesting:
      "Contact only: a marketing lead who never had an account; found only through her e-mail address (lead, e-mail events, event registration) and her cookie id (web visits).",
  },
  {
    key: "namesake",
    firstName: "José",
    lastName: "Núñez",
    fullName: "José Núñez",
    email: "jnunez@hillcountrypets.example",
    phone: "+1 512-555-0134",
    address: { street: "1907 East Cesar Chavez Street", city: "Austin", state: "TX", postalCode: "78702", country: "US" },
    dateOfBirth: null,
    customerNumber: "PL-856301",
    userId: "usr_2e9c7a5b1f84",
    accountId: "acc_f0b6d2a8c417",
    leadId: null,
    company: "Hill Country Pet Supply",
    jobTitle: "Operations Manager",
    preferredLanguage: "en",
    cookieId: "ck_0a5c7e3b9f1d6842c0a5",
    deviceId: null,
    activeMonthsAgo: { from: 22, to: 1 },
    interesting:
      "Namesake of José Núñez Ortega, outside California: a name alone must never match the wrong person's records.",
  },
];

/** The named person for a key; throws on a typo so tests fail loudly. */
export function demoPerson(key: DemoPersonKey): DemoPerson {
  const person = DEMO_PEOPLE.find((p) => p.key === key);
  if (!person) throw new Error(`no demo person with key ${key}`);
  return person;
}

/** The person the benchmark loads with extra web/app events. */
export const HEAVY_PERSON_KEY: DemoPersonKey = "heavy";
