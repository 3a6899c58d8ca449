import fs from "node:fs";
import readline from "node:readline";
import { parse } from "csv-parse";
import type { FileDataset } from "../../datamap/dataset-schema";
import { ConnectorError } from "../connector-types";

export interface FileRecord {
  /** Line number where the record ends: a stable stand-in key for exports without one. */
  line: number;
  record: Record<string, unknown>;
}

/**
 * Streams the records of an exported file, one at a time: CSV through csv-parse (quoting,
 * embedded newlines, BOM), NDJSON line by line. `onKeys` sees the CSV header once, or each NDJSON
 * object's keys, so the caller can refuse undeclared columns. Parse errors carry line numbers
 * only: Node's JSON.parse quotes the offending text, which may be personal data.
 */
export async function* readFileRecords(file: string, dataset: FileDataset, onKeys: (keys: string[]) => void): AsyncGenerator<FileRecord> {
  const input = fs.createReadStream(file);
  const opened = new Promise<void>((resolve, reject) => {
    input.once("open", () => resolve());
    input.once("error", reject);
  });
  try {
    await opened;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "FILE_UNREADABLE";
    throw new ConnectorError(code, `dataset ${dataset.id}: cannot open ${dataset.file.path} (${code})`);
  }
  if (dataset.file.format === "csv") {
    const parser = input.pipe(
      parse({
        bom: true,
        delimiter: dataset.file.delimiter ?? ",",
        skip_empty_lines: true,
        info: true,
        columns: (header: string[]) => {
          onKeys(header);
          return header;
        },
      }),
    );
    try {
      for await (const item of parser as AsyncIterable<{ record: Record<string, unknown>; info: { lines: number } }>) {
        yield { line: item.info.lines, record: item.record };
      }
    } catch (error) {
      if (error instanceof ConnectorError) throw error;
      const line = (error as { lines?: number }).lines;
      throw new ConnectorError("FILE_BAD_CSV", `dataset ${dataset.id}: ${dataset.file.path} is not valid CSV${line ? ` near line ${line}` : ""}`);
    } finally {
      input.destroy();
    }
    return;
  }
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line += 1;
      if (text.trim() === "") continue;
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch {
        throw new ConnectorError("FILE_BAD_JSON", `dataset ${dataset.id}: line ${line} of ${dataset.file.path} is not valid JSON`);
      }
      if (record === null || typeof record !== "object" || Array.isArray(record)) {
        throw new ConnectorError("FILE_BAD_JSON", `dataset ${dataset.id}: line ${line} of ${dataset.file.path} is not a JSON object`);
      }
      onKeys(Object.keys(record));
      yield { line, record: record as Record<string, unknown> };
    }
  } finally {
    lines.close();
    input.destroy();
  }
}
