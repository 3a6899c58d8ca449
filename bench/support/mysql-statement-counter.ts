// A loopback TCP relay between bench workers and MariaDB that counts the statements they send.
// The server is shared with other sessions and performance_schema is off, so its global counters
// (Questions, Com_*) cannot say which statements were ours; the relay sees only our workers' traffic.
import net from "node:net";

export interface StatementCounter {
  /** The MySQL URL to give the workers: the same database, through the relay. */
  url: string;
  /** Statements since the last reset, by label ("select jobs (locking)", "commit", ...). */
  take(): Map<string, number>;
  close(): Promise<void>;
}

const COM_QUERY = 0x03;

/**
 * Starts the relay on 127.0.0.1 (a free port) in front of the server of `targetUrl`.
 * A command is a client packet with sequence id 0 (MySQL protocol: every command starts a new
 * sequence); Kysely's mysql2 driver sends every statement as COM_QUERY, so the text is there.
 */
export async function startStatementCounter(targetUrl: string): Promise<StatementCounter> {
  const target = new URL(targetUrl);
  let counts = new Map<string, number>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 3306), target.hostname);
    sockets.add(client).add(upstream);
    let pending: Buffer = Buffer.alloc(0);
    client.on("data", (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= 4) {
        const length = pending.readUIntLE(0, 3);
        if (pending.length < 4 + length) break;
        if (pending[3] === 0 && pending[4] === COM_QUERY) {
          const label = labelOf(pending.subarray(5, 5 + Math.min(length - 1, 400)).toString("utf8"));
          counts.set(label, (counts.get(label) ?? 0) + 1);
        }
        pending = pending.subarray(4 + length);
      }
    });
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(targetUrl);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    take() {
      const taken = counts;
      counts = new Map();
      return taken;
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

/** "select jobs (locking)", "update requests", "begin", ...: verb and first table, no values. */
function labelOf(text: string): string {
  const sql = text.trim().toLowerCase();
  // A parenthesised UNION (the audit append, ADR 055) starts with "(".
  const verb = /^[\s(]*(\w+)/.exec(sql)?.[1] ?? "?";
  const table = /(?:from|into|update|join)\s+`?(\w+)`?/.exec(sql)?.[1];
  const locking = /for update|lock in share mode/.test(sql) ? " (locking)" : "";
  return table ? `${verb} ${table}${locking}` : verb === "set" || verb === "select" ? `${verb} (session)` : verb;
}
