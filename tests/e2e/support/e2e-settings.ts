import path from "node:path";

// Where one e2e run lives, derived once from E2E_PORT and E2E_DATA_DIR so that parallel runs
// (each helper, each dialect) never share a port or a mail folder. Read by playwright.config.ts
// (which starts the servers) and by the specs (which read what those servers produced).

/** The portal under test. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
/** The portal's DATA_DIR (its SQLite files, reports, keys). */
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? "test-results/e2e-data";
/** The SMTP sink the portal sends through (SMTP_URL); a fixed offset from the portal's port. */
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? E2E_PORT + 20_000);
/** The sink's own folder, one JSON file per message received: never the portal's dev outbox. */
export const E2E_MAIL_DIR = path.resolve(process.env.E2E_MAIL_DIR ?? `${E2E_DATA_DIR}-smtp-sink`);
/** A second portal that a spec starts itself, for settings the main one does not use (e.g. RESIDENCY_POLICY=decline). */
export const E2E_SECOND_PORT = Number(process.env.E2E_SECOND_PORT ?? E2E_PORT + 10_000);
