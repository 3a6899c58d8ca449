import fs from "node:fs";
import readline from "node:readline";
import type { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import type { ScalarValue } from "../../collection/collection-types.shared";
import { STORED_FILE_PREFIX } from "../../collection/stored-file-ref.shared";
import type { RequestLanguage } from "../../requests/request-fields.shared";
import { describeFilePiece } from "../file-piece";
import type { SpilledDataset } from "./spill-dataset-rows";

const WORDS = {
  en: { record: "Record", date: "Date (UTC)", withheld: "withheld", yes: "yes", no: "no" },
  es: { record: "Registro", date: "Fecha (UTC)", withheld: "retenido", yes: "sí", no: "no" },
} as const;

/** How a spreadsheet program recognises a formula: the first character (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Text that is a plain number ("-12.50", "+14155550142") is read as a number, never run. */
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/**
 * A text cell a spreadsheet would run as a formula (`=HYPERLINK(...)` typed into a form, X23)
 * starts with an apostrophe, which spreadsheets read as "text follows"; every other character is
 * kept. The JSON holds the value exactly as collected.
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * A dataset's records as CSV (RFC 4180 through csv-stringify: CRLF, quotes doubled, every field
 * that needs it quoted), UTF-8 with a byte-order mark so spreadsheet programs read accents right.
 * Headers are the fields' labels in the request's language; a never-disclose cell says "withheld"
 * in that language, never a value (11 CCR 7024(d)); a stored file's cell is its path in the bundle.
 * Streams from the spill file: memory does not grow with the number of records.
 */
export function streamDatasetCsv(dataset: SpilledDataset, language: RequestLanguage): Readable {
  const w = WORDS[language];
  const header = [w.record, w.date, ...dataset.fields.map((f) => f.label[language])];
  const csv = stringify({ bom: true, record_delimiter: "windows", eof: true });
  const cell = (field: SpilledDataset["fields"][number], value: ScalarValue | undefined): string => {
    if (value === null || value === undefined) return "";
    if (field.neverDisclose) return w.withheld;
    if (typeof value === "boolean") return value ? w.yes : w.no;
    if (typeof value === "string" && value.startsWith(STORED_FILE_PREFIX)) {
      const described = describeFilePiece(value, language);
      return described.startsWith("files/") ? described.slice(0, described.indexOf(" ")) : described;
    }
    return typeof value === "string" ? neutralizeFormula(value) : String(value);
  };
  const feed = async () => {
    csv.write(header);
    const lines = readline.createInterface({ input: fs.createReadStream(dataset.rowsPath), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      const [ordinal, recordedAt, values] = JSON.parse(line) as [number, string | null, Record<string, ScalarValue>];
      const row = [String(ordinal), recordedAt ?? "", ...dataset.fields.map((f) => cell(f, values[f.fieldId]))];
      if (!csv.write(row)) await new Promise((resolve) => csv.once("drain", resolve));
    }
    csv.end();
  };
  feed().catch((error: unknown) => csv.destroy(error as Error));
  return csv;
}
