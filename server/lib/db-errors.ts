/**
 * Driver error codes that decide control flow, for both dialects (stack-notes §2).
 * Matched by code, never by message: messages quote the offending values.
 */

/** A UNIQUE or PRIMARY KEY index refused the row: SQLite SQLITE_CONSTRAINT_UNIQUE/_PRIMARYKEY, MySQL ER_DUP_ENTRY (1062). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown } | null;
  return (
    e?.code === "SQLITE_CONSTRAINT_UNIQUE" ||
    e?.code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
    e?.code === "ER_DUP_ENTRY" ||
    e?.errno === 1062
  );
}

/**
 * InnoDB chose this transaction as a deadlock victim and rolled ALL of it back (ER_LOCK_DEADLOCK,
 * 1213). MySQL's documented remedy is to run the whole transaction again.
 */
export function isDeadlock(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown } | null;
  return e?.code === "ER_LOCK_DEADLOCK" || e?.errno === 1213;
}
