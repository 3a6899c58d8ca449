import fs from "node:fs";
import http from "node:http";
import { Readable } from "node:stream";

export interface StreamedAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Bytes of the body the test had handed to the socket when the answer's headers arrived. */
  bytesSentBeforeAnswer: number;
  msToAnswer: number;
}

/**
 * POSTs `size` bytes of filler generated as it goes (never held in memory), declared with a
 * Content-Length or sent chunked, and stops sending as soon as the answer comes.
 */
export function postStreamedBody(
  port: number,
  pathname: string,
  options: { size: number; chunked: boolean; contentType: string; headers?: Record<string, string> },
): Promise<StreamedAnswer> {
  const chunk = Buffer.alloc(64 * 1024, "a");
  let sent = 0;
  let answered = false;
  const source = new Readable({
    read() {
      if (answered || sent >= options.size) return void this.push(null);
      const part = chunk.subarray(0, Math.min(chunk.length, options.size - sent));
      sent += part.length;
      this.push(part);
    },
  });
  // Keep-alive, as browsers send: with "Connection: close" Node ends the socket right after the
  // answer, and unread body bytes then turn the close into a reset that can swallow the answer.
  const headers: Record<string, string> = { "content-type": options.contentType, ...options.headers };
  if (!options.chunked) headers["content-length"] = String(options.size);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path: pathname, agent: false, headers }, (res) => {
      answered = true;
      const bytesSentBeforeAnswer = sent;
      const msToAnswer = Date.now() - started;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.once("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, bytesSentBeforeAnswer, msToAnswer });
      });
      res.once("error", reject);
    });
    // The raw bytes the server sent, with when the first came: a server may answer 413 and close
    // while we still write (RFC 9112 9.6), and then Node reports EPIPE/ECONNRESET before it has
    // parsed the answer that already arrived. A browser shows that answer; so does this helper.
    const raw: Buffer[] = [];
    let firstByte: { sent: number; at: number } | null = null;
    req.on("socket", (socket) =>
      socket.on("data", (data: Buffer) => {
        firstByte ??= { sent, at: Date.now() };
        raw.push(data);
      }),
    );
    req.on("error", (error) => {
      if (answered) return;
      const text = Buffer.concat(raw).toString("utf8");
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      if (!status || !firstByte) return reject(error);
      answered = true;
      const split = text.indexOf("\r\n\r\n");
      resolve({ status: Number(status[1]), headers: {}, body: split >= 0 ? text.slice(split + 4) : "", bytesSentBeforeAnswer: firstByte.sent, msToAnswer: firstByte.at - started });
    });
    // A declared length is judged on the headers alone: they go first, and the body follows only
    // if no answer came within 3 s (as a client honouring an early answer would do). Racing the
    // body against the answer made the test depend on socket timing under load: half a second was
    // once too short for a portal process's first answer on a busy machine (EPIPE, nothing read).
    req.flushHeaders();
    const startBody = () => {
      if (!answered) source.pipe(req);
    };
    if (options.chunked) startBody();
    else setTimeout(startBody, 3000);
  });
}

/** Resident memory (kB) of a process and all its descendants, from /proc. */
export function treeRssKb(pid: number): number {
  let total = 0;
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
    let children: string;
    try {
      children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8");
    } catch {
      continue;
    }
    for (const child of children.split(/\s+/).filter(Boolean)) {
      try {
        total += treeRssKb(Number(child));
      } catch {
        // The child left between the listing and the read.
      }
    }
  }
  return total;
}
