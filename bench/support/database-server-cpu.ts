import fs from "node:fs";

/** /proc CPU times are in 1/100 s on Linux (USER_HZ). */
const TICK_MS = 10;
const SERVER_NAMES = { mysql: /^(mariadbd|mysqld)$/, postgres: /^postgres$/ } as const;

/**
 * CPU ms a local database server has used so far, all its processes and threads together (on
 * PostgreSQL every backend, and through the postmaster's cutime/cstime the backends that have
 * exited): taken before and after a piece of work, the server's share of it, which the work's
 * own process CPU does not show. Counts every client's work: meaningful on a quiet server only.
 * NaN when no such server runs here.
 */
export function databaseServerCpuMs(dialect: keyof typeof SERVER_NAMES): number {
  let ticks = 0;
  let found = false;
  for (const pid of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (!SERVER_NAMES[dialect].test(fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim())) continue;
      // After "pid (comm) ": state ppid ... utime(11) stime(12) cutime(13) cstime(14)
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      found = true;
    } catch {
      // The process ended while we looked.
    }
  }
  return found ? ticks * TICK_MS : Number.NaN;
}
