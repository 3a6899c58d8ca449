import { verifyAuditChain, type AuditChainVerdict } from "../audit/verify-audit-chain";
import { bootstrap } from "../bootstrap";
import { parseEnv } from "../env";

/** The one line `rtk audit verify` prints, and its exit code (1 = the trail was tampered with). */
export function describeAuditVerdict(verdict: AuditChainVerdict): { line: string; exitCode: 0 | 1 } {
  if (verdict.ok) return { line: `Audit chain OK: ${verdict.checked} ${verdict.checked === 1 ? "event" : "events"} verified.`, exitCode: 0 };
  return {
    line: `Audit chain BROKEN at seq ${verdict.brokenSeq}: that row was edited, removed or re-chained (${verdict.checked} events before it verified).`,
    exitCode: 1,
  };
}

/**
 * `rtk audit verify`: recomputes the whole hash chain of the audit trail (11 CCR 7101(b)), for a
 * cron job or an auditor's terminal. Exits 1 when the chain is broken, so monitoring can alert.
 */
export async function runAuditVerifyCommand(): Promise<void> {
  const ctx = await bootstrap(parseEnv());
  try {
    const { line, exitCode } = describeAuditVerdict(await verifyAuditChain(ctx));
    if (exitCode === 0) console.log(line);
    else console.error(line);
    process.exitCode = exitCode;
  } finally {
    await ctx.db.destroy();
  }
}
