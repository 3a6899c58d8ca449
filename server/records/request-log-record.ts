import { calendarDateIn } from "../lib/calendar-date";
import { fromDbTime } from "../lib/clock";
import { RECEIPT_TIME_ZONE } from "../requests/deadlines.shared";
import type { RequestLogSource } from "./request-records.repository";

/** The columns of the request log, in order: the six items of 11 CCR 7101(a) plus the request id. */
export const REQUEST_LOG_COLUMNS = [
  "request_id",
  "received_date",
  "request_type",
  "channel",
  "response_date",
  "response_type",
  "denial_basis",
] as const;
export type RequestLogRecord = Record<(typeof REQUEST_LOG_COLUMNS)[number], string>;

/** complied_in_whole | complied_in_part | denied | withdrawn | pending (no response yet). */
export type ResponseType = "complied_in_whole" | "complied_in_part" | "denied" | "withdrawn" | "pending";

const REQUEST_TYPES: Record<string, string> = {
  categories: "right_to_know_categories",
  specific: "right_to_know_specific_pieces",
};

function responseType(row: RequestLogSource): ResponseType {
  switch (row.state) {
    case "delivered":
    case "expired":
      // A delivered request that carries a denial code had part of it withheld (7024(e); R35).
      return row.denial_reason ? "complied_in_part" : "complied_in_whole";
    case "denied":
      return "denied";
    case "cancelled":
      return "withdrawn";
    default:
      return "pending";
  }
}

/**
 * One line of the request log (11 CCR 7101(a): date, nature and manner of the request, date and
 * nature of the response, basis of any denial). Dates are calendar dates in the same zone as the
 * receipt date, so received and response dates can be compared directly.
 */
export function toRequestLogRecord(row: RequestLogSource): RequestLogRecord {
  const type = responseType(row);
  const responded = type !== "pending" && row.completed_at !== null;
  return {
    request_id: row.id,
    received_date: row.receipt_date,
    request_type: REQUEST_TYPES[row.type] ?? row.type,
    channel: row.channel,
    response_date: responded ? calendarDateIn(fromDbTime(row.completed_at!), RECEIPT_TIME_ZONE) : "",
    response_type: type,
    denial_basis: type === "denied" || type === "complied_in_part" ? (row.denial_reason ?? "") : "",
  };
}
