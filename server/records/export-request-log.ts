import { pipeline, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import type { AppContext } from "../context";
import { isCalendarDate } from "../lib/calendar-date";
import { REQUEST_LOG_COLUMNS, toRequestLogRecord, type RequestLogRecord } from "./request-log-record";
import { listRequestLogPage } from "./request-records.repository";

const PAGE = 500;

/**
 * Streams the request log as CSV for requests received (by receipt date) between `from` and `to`
 * inclusive: request id, received date, request type, channel, response date, response type,
 * denial basis (11 CCR 7101(a); R38).
 *
 * No names, e-mails or other identifiers of the consumer: the log is about the request, not the
 * person. 7101(a) asks for the request and the response only, and 7101(c)-(e) limit what these
 * records may be used for, so the export carries nothing that would make it a copy of the
 * consumer's data. The repository does not even select those columns.
 *
 * Every cell starting with = + - @ (or tab/CR) is prefixed with ' (csv-stringify escape_formulas),
 * so a crafted value cannot run as a spreadsheet formula (X23). Access control (privacy ops and
 * audit only, R39) is the route's job.
 *
 * @example exportRequestLog(ctx, { from: "2026-01-01", to: "2026-12-31" }).pipe(res)
 */
export function exportRequestLog(ctx: AppContext, input: { from: string; to: string }): Readable {
  if (!isCalendarDate(input.from) || !isCalendarDate(input.to) || input.from > input.to) {
    throw new RangeError("request log range must be two calendar dates YYYY-MM-DD, from <= to");
  }
  async function* records(): AsyncGenerator<RequestLogRecord> {
    let after: { receivedAt: string; id: string } | null = null;
    for (;;) {
      const page = await listRequestLogPage(ctx.db, { from: input.from, to: input.to, after, limit: PAGE });
      for (const row of page) yield toRequestLogRecord(row);
      const last = page.at(-1);
      if (!last || page.length < PAGE) return;
      after = { receivedAt: last.received_at, id: last.id };
    }
  }
  const csv = stringify({
    header: true,
    columns: [...REQUEST_LOG_COLUMNS],
    escape_formulas: true,
    // RFC 4180 line ends: the file is meant to be opened in spreadsheets.
    record_delimiter: "windows",
  });
  pipeline(Readable.from(records()), csv, (error) => {
    // Also reached when the client disconnects mid-download; the consumer of `csv` sees the error.
    if (error) ctx.logger.warn({ error: error.message }, "request log export ended early");
  });
  return csv;
}
