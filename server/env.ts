import path from "node:path";
import { z } from "zod";

/**
 * Every setting the portal reads, in one Zod schema (style-models §7 rule 8). Nothing else reads
 * process.env. Defaults describe the embedded default: SQLite and every file under DATA_DIR.
 */
const databaseUrl = z
  .string()
  .refine((v) => v.startsWith("sqlite:") || /^mysql:\/\/[^/]+\/[^/?]+/i.test(v), {
    message: "must be sqlite:<file>, sqlite::memory: or mysql://user:password@host:port/database",
  });

/** A business's source database may also be PostgreSQL (the portal's own may not: docs/decisions/022). */
const sourceDatabaseUrl = z
  .string()
  .refine((v) => v.startsWith("sqlite:") || /^(mysql|postgres|postgresql):\/\/[^/]+\/[^/?]+/i.test(v), {
    message: "must be sqlite:<file>, mysql://user:password@host:port/database or postgres://user:password@host:port/database",
  });

const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32, { message: "must be 32 bytes, base64-encoded" });

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  /** Public base URL used in mails and links; defaults to http://HOST:PORT. */
  PUBLIC_URL: z.url().optional(),
  /** One folder is the whole local state: embedded databases, mail outbox, reports, generated keys. */
  DATA_DIR: z.string().min(1).default("data"),
  /** The portal's own database. Default: sqlite:DATA_DIR/portal.sqlite. */
  DATABASE_URL: databaseUrl.optional(),
  /** The demo business's source database (the systems the data map reads). Default: sqlite:DATA_DIR/demo-business.sqlite. */
  DEMO_SOURCE_URL: sourceDatabaseUrl.optional(),
  /** The demo business's file store (camera stills, signatures; ADR 027). Default: DATA_DIR/demo-files. */
  DEMO_FILES_DIR: z.string().min(1).optional(),
  /** The data map describing the business's systems (docs/data-map.md); relative to the working directory. */
  DATAMAP_PATH: z.string().min(1).default("server/datamap/demo/parlay.datamap.yaml"),
  /** Seed the demo business on first start: on by default outside production. */
  DEMO_SEED: z.enum(["auto", "on", "off"]).default("auto"),
  /** SMTP server for outgoing mail; unset outside production = mail goes to DATA_DIR/outbox. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be smtp://host:port or smtps://user:pass@host:port").optional(),
  MAIL_FROM: z.string().min(3).default("Parlay Privacy <privacy@parlay.example>"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * How many processes answer HTTP (node:cluster; docs/decisions/020-http-worker-processes.md). 1 (default)
   * = one process does everything; set it to the number of cores in production. The primary process
   * migrates, seeds the demo, holds the shared rate-limit counts and runs the in-process job worker.
   */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Run the job worker inside the web process (embedded default) or only in `npm run worker` processes. */
  WORKER_IN_PROCESS: z.enum(["true", "false"]).default("true"),
  /**
   * Which requests wait for a human before release (R42): "none" (auto-release), "all", or a
   * comma list of "specific" (specific-pieces requests) and "agent" (requests made by an agent).
   */
  REVIEW_REQUIRED: z
    .string()
    .regex(/^(none|all|(specific|agent)(,(specific|agent))*)$/, 'must be "none", "all", or a comma list of "specific" and "agent"')
    .default("specific,agent"),
  /**
   * Who may receive the disclosure of a request made by an authorized agent (R23; the rules leave it
   * to the business, 11 CCR 7063): "consumer" (default: only the consumer, through their own
   * verified sign-in) or "consumer_and_agent" (also the agent, when the consumer agreed while
   * confirming the agent, or the agent holds a power of attorney). docs/decisions/013-authorized-agents.md
   */
  AGENT_DISCLOSURE_RELEASE: z.enum(["consumer", "consumer_and_agent"]).default("consumer"),
  /**
   * What a "No" to "Do you live in California?" means (R1; 1798.140(i): the rights belong to
   * California residents, and residency is asked, never proven). "process" (default: many
   * businesses answer everyone, and a mistaken "no" should not cost anyone their answer) answers
   * anyway and says so; "decline" denies the request as not_a_consumer with M-NOT-CONSUMER.
   * docs/decisions/016-residency-policy.md
   */
  RESIDENCY_POLICY: z.enum(["process", "decline"]).default("process"),
  /** How long a download link works after release (11 CCR 7024(f)-(g): secure delivery). */
  DOWNLOAD_LINK_DAYS: z.coerce.number().int().min(1).max(45).default(7),
  /**
   * How long the encrypted disclosure files are kept after release, so a consumer whose link expired
   * can verify again and download; then the bytes are purged while the request record stays 24
   * months (11 CCR 7101). At least the link lifetime.
   */
  REPORT_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /**
   * Datasets with up to this many records (per dataset and category) are listed record by record
   * in the PDF; larger ones get a summary there (count, dates, value counts, the most recent
   * records) and a pointer to the JSON and CSV files, which always hold every record. "full" lists
   * everything (a 1,000,000-record PDF is about 100,000 pages). ADR 032.
   */
  PDF_LISTING_LIMIT: z.union([z.literal("full"), z.coerce.number().int().min(1)]).default(1000),
  /**
   * A render process (ADR 047) is replaced after this many disclosures, bounding whatever a render
   * might leak; 1 starts a fresh process for every render, as before issue 18 (for comparison).
   * A new process costs 1.2-2.7 s of CPU (loading, then slower renders until its code is
   * optimized): at 100 that was 12-27 ms a render, at 1000 about 1.5-2.2 (ADR 065).
   */
  RENDER_PROCESS_RENDERS: z.coerce.number().int().min(1).max(100_000).default(1000),
  /** A worker's claim on a job lasts this long unless its heartbeat extends it; then another worker takes over. */
  JOB_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /** Where encrypted reports live: local disk under DATA_DIR, or the database in chunks (multi-instance). */
  REPORT_STORAGE: z.enum(["disk", "database"]).default("disk"),
  /** AES-256-GCM key for reports at rest; generated under DATA_DIR (mode 600) when unset outside production. */
  REPORT_ENCRYPTION_KEY: base64Key.optional(),
  /** Signs session cookies; generated under DATA_DIR when unset outside production. */
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Number of reverse proxies in front of the app (for client IPs in rate limits); 0 = none. */
  /**
   * Outside production the portal shows every e-mail code at /dev/outbox and seeds a demo admin
   * whose password is published: it refuses a HOST other than loopback unless this is "1".
   */
  ALLOW_DEMO_ON_NETWORK: z.enum(["0", "1"], 'must be "1" or "0"').default("0"),
  /** "relaxed" multiplies the per-IP limits by 1000, for automated test runs only. */
  RATE_LIMITS: z.enum(["on", "relaxed"]).default("on"),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * The Data Rights Protocol agent directory (docs/drp.md): a file path or an https URL to JSON in
   * the published service directory's agents.json format. Unset = the DRP API is off (404).
   */
  DRP_DIRECTORY: z
    .string()
    .refine((v) => !/^[a-z]+:\/\//i.test(v) || /^https?:\/\//i.test(v), { message: "must be a file path or an http(s) URL" })
    .optional(),
  /** Our own id in the DRP business directory; signed messages must name it (DRP 1.0 §3.07). Required with DRP_DIRECTORY. */
  DRP_BUSINESS_ID: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, "must be the business id published in the DRP directory").optional(),
  /**
   * How old a signed DRP message's issued-at may be (seconds). Its copy is kept against replay for
   * that long at most, so a short window keeps the replay store small and a captured message
   * useless soon (DRP 1.0 §3.07 recommends minutes; the reference agent signs for 15).
   */
  DRP_MESSAGE_MAX_AGE_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  /** Where the DRP endpoints are mounted: the directory's api_base is PUBLIC_URL + this path. */
  DRP_BASE_PATH: z.string().regex(/^(\/[a-z0-9._-]+)+$/, 'must be a path like "/drp", without a trailing slash').default("/drp"),
});

export type Env = z.infer<typeof EnvSchema> & {
  DATA_DIR: string;
  DATABASE_URL: string;
  DEMO_SOURCE_URL: string;
  DEMO_FILES_DIR: string;
  PUBLIC_URL: string;
  isProduction: boolean;
};

export class EnvError extends Error {}

/**
 * Parses the environment. On a bad value throws EnvError whose message has one line per setting,
 * naming it and saying what is expected; the value itself is not echoed (it may be a secret).
 */
export function parseEnv(source: Record<string, string | undefined> = process.env, cwd = process.cwd()): Env {
  // Empty strings count as unset, as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `Invalid setting ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(lines.join("\n"));
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === "production";
  const problems: string[] = [];
  if (isProduction && !env.DATABASE_URL) problems.push("Invalid setting DATABASE_URL: required when NODE_ENV=production");
  if (isProduction && !env.SMTP_URL) problems.push("Invalid setting SMTP_URL: required when NODE_ENV=production (the outbox is for development only)");
  if (isProduction && !env.REPORT_ENCRYPTION_KEY) problems.push("Invalid setting REPORT_ENCRYPTION_KEY: required when NODE_ENV=production");
  if (isProduction && !env.SESSION_SECRET) problems.push("Invalid setting SESSION_SECRET: required when NODE_ENV=production");
  if (env.DRP_DIRECTORY && !env.DRP_BUSINESS_ID) problems.push("Invalid setting DRP_BUSINESS_ID: required when DRP_DIRECTORY is set");
  // Production trusts agents' keys only from a source nobody on the path can rewrite.
  if (isProduction && env.DRP_DIRECTORY?.startsWith("http://")) problems.push("Invalid setting DRP_DIRECTORY: must be https:// or a file path when NODE_ENV=production");
  // Development serves codes at /dev/outbox and a demo admin with a published password (issue 16 item 4).
  if (!isProduction && !isLoopbackHost(env.HOST) && env.ALLOW_DEMO_ON_NETWORK !== "1") {
    problems.push(
      `Invalid setting HOST: NODE_ENV=${env.NODE_ENV} listens on loopback only (it shows e-mail codes at /dev/outbox and seeds a demo admin); set NODE_ENV=production, or ALLOW_DEMO_ON_NETWORK=1 on a network you trust`,
    );
  }
  if (problems.length) throw new EnvError(problems.join("\n"));

  const dataDir = path.resolve(cwd, env.DATA_DIR);
  return {
    ...env,
    DATA_DIR: dataDir,
    DATABASE_URL: env.DATABASE_URL ?? `sqlite:${path.join(dataDir, "portal.sqlite")}`,
    DEMO_SOURCE_URL: env.DEMO_SOURCE_URL ?? `sqlite:${path.join(dataDir, "demo-business.sqlite")}`,
    DEMO_FILES_DIR: path.resolve(cwd, env.DEMO_FILES_DIR ?? path.join(dataDir, "demo-files")),
    PUBLIC_URL: (env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/$/, ""),
    isProduction,
  };
}

/** 127.0.0.0/8, ::1 (bracketed or not) and localhost: addresses no other machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return h === "localhost" || h === "::1" || /^127(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(h);
}
