import { openDb, pingDb } from "../db/client";
import { DEMO_PEOPLE } from "../db/demo-business/demo-people";
import type { DemoBusinessDb } from "../db/demo-business/schema";
import { seedDemoBusiness } from "../db/demo-business/seed-demo-business";
import { StartupError } from "./bootstrap";
import type { AppContext } from "./context";
import { seedDemoStaff, type DemoStaffInfo } from "./staff/seed-demo-staff";

export interface DemoInfo {
  businessName: string;
  sourceLabel: string;
  people: { label: string; note: string }[];
  /** Demo staff sign-ins (outside production only). */
  staff: DemoStaffInfo | null;
}

/**
 * Seeds the demo business's source database on first start (DEMO_SEED=auto outside production, or
 * on), so a newcomer has realistic systems to request data from. Returns what the banner prints.
 */
export async function prepareDemo(ctx: AppContext): Promise<DemoInfo | null> {
  const { env, logger } = ctx;
  if (env.DEMO_SEED === "off" || (env.DEMO_SEED === "auto" && env.isProduction)) return null;
  let handle;
  try {
    handle = openDb<DemoBusinessDb>(env.DEMO_SOURCE_URL);
    await pingDb(handle);
  } catch (error) {
    await handle?.db.destroy().catch(() => {});
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new StartupError(`Cannot open DEMO_SOURCE_URL (${handle?.safeUrl ?? "invalid URL"}): ${reason}`);
  }
  try {
    const started = Date.now();
    const summary = await seedDemoBusiness(handle.db, { dialect: handle.dialect, filesDir: env.DEMO_FILES_DIR });
    logger.info({ people: summary.people, ms: Date.now() - started }, "demo business ready");
  } finally {
    await handle.db.destroy();
  }
  return {
    businessName: "Parlay",
    sourceLabel: handle.safeUrl,
    // Everything a newcomer types to verify as one of them (fake people, fake data).
    people: DEMO_PEOPLE.map((p) => ({
      label: [`${p.fullName} <${p.email}>`, p.phone && `phone ${p.phone}`, p.address && `ZIP ${p.address.postalCode}`]
        .filter(Boolean)
        .join(", "),
      note: p.interesting,
    })),
    staff: await seedDemoStaff(ctx),
  };
}
