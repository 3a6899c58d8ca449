import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface SmtpSink {
  url: string;
  messages: ParsedMail[];
  /** Resolves with the next message received (or one already received and not yet taken). */
  next(timeoutMs?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback that keeps what it receives, for tests of outgoing mail.
 * `beforeAccept` runs after a message arrived and before the server answers 250, so a fault test
 * can break something at the exact moment between "sent" and whatever the sender does next.
 */
export async function startSmtpSink(options: { beforeAccept?: (mail: ParsedMail) => Promise<void> } = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  let taken = 0;
  const waiters: ((mail: ParsedMail) => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(async (mail) => {
        await options.beforeAccept?.(mail);
        messages.push(mail);
        const waiter = waiters.shift();
        if (waiter) {
          taken += 1;
          waiter(mail);
        }
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    next(timeoutMs = 5000) {
      if (taken < messages.length) return Promise.resolve(messages[taken++]!);
      return new Promise((resolve, reject) => {
        const waiter = (mail: ParsedMail): void => {
          clearTimeout(timer);
          resolve(mail);
        };
        // A waiter that timed out must not swallow the next message.
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error("no mail arrived"));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
