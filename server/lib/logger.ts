import pino, { type Logger } from "pino";

export type { Logger };

/**
 * Structured logs with no personal data: we log ids, codes and counts, never names, e-mails, phone
 * numbers, addresses or collected records. Redaction is a second line of defence for fields that
 * slip through (DESIGN.md §7).
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "rtk-portal" },
    redact: {
      paths: [
        "email",
        "*.email",
        "name",
        "*.name",
        "phone",
        "*.phone",
        "address",
        "*.address",
        "password",
        "*.password",
        "code",
        "*.code",
        "req.headers.cookie",
        "req.headers.authorization",
        'res.headers["set-cookie"]',
      ],
      censor: "[redacted]",
    },
  });
}
