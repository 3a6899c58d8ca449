import type { Env } from "./env";
import type { DemoInfo } from "./prepare-demo";

/** What a newcomer needs to try every audience, printed once the server listens (DESIGN.md §6). */
export function printStartBanner(env: Env, demo: DemoInfo | null): void {
  const lines = [
    "",
    `  Right to Know portal is running at ${env.PUBLIC_URL}`,
    // The build above prints NODE_ENV=production (React's production build, ADR 016); the portal's
    // own mode is this one (issue 17.6).
    `  Mode: ${env.isProduction ? "production" : `${env.NODE_ENV} (demo data and the mail outbox are on; not for real requests)`}`,
    `  Database: ${env.DATABASE_URL.startsWith("sqlite:") ? env.DATABASE_URL : "MySQL (see DATABASE_URL)"}`,
    `  Local state folder: ${env.DATA_DIR}`,
  ];
  if (demo) {
    lines.push(`  Demo business: ${demo.businessName} (source database ${demo.sourceLabel})`);
    lines.push("  Demo people you can request data for (fake data):");
    for (const person of demo.people) lines.push(`    - ${person.label}`, `      ${person.note}`);
    if (!env.SMTP_URL) lines.push(`  Mail is not sent: read it at ${env.PUBLIC_URL}/dev/outbox`);
    const { admin, reviewer } = demo.staff ?? { admin: null, reviewer: null };
    if (admin || reviewer) lines.push(`  Staff console: ${env.PUBLIC_URL}/ops/login (demo accounts, never in production)`);
    if (admin) lines.push(`    - admin ${admin.email} / ${admin.password}, authenticator key (TOTP) ${admin.totpSecret}`);
    if (reviewer) lines.push(`    - reviewer ${reviewer.email} / ${reviewer.password}`);
  }
  lines.push("");
  console.log(lines.join("\n"));
}
