/**
 * Timestamps are stored as UTC text "YYYY-MM-DD HH:MM:SS.mmm": the same bytes on SQLite and MySQL
 * (DATETIME(3) accepts it), and they sort lexically. See docs/decisions/002-dialect-portability.md.
 */
export function toDbTime(date: Date): string {
  return date.toISOString().replace("T", " ").replace("Z", "");
}

export function fromDbTime(value: string): Date {
  return new Date(value.replace(" ", "T") + "Z");
}

export function nowDbTime(): string {
  return toDbTime(new Date());
}
