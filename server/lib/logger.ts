import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger };

/**
 * Structured logs with no personal data: we log ids, codes and counts, never names, e-mails, phone
 * numbers, addresses or collected records. Redaction is a second line of defence for fields that
 * slip through (DESIGN.md §7).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "rtk-portal" },
    formatters: {
      // A field named `level` (a verification level...) would be written after pino's own and
      // win in every JSON reader: an info line would read as "reasonably_high" and escape level
      // filters and alerts (issue 16 item 9). It is logged as `fieldLevel` instead.
      log(object) {
        if (!("level" in object)) return object;
        const { level: fieldLevel, ...rest } = object;
        return { ...rest, fieldLevel };
      },
    },
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
  };
  return destination ? pino(options, destination) : pino(options);
}
