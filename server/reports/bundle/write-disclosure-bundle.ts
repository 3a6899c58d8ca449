import { createHash } from "node:crypto";
import fs from "node:fs";
import { Transform, type Readable, type Writable } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import { ZipFile } from "yazl";
import type { RequestLanguage } from "../../requests/request-fields.shared";
import { openFileStore, type FileStoreConfig } from "../../connectors/files/file-store-config";
import type { SpoolSource } from "../spool-source";
import { buildBundleReadme, type ReadmeEntry } from "./bundle-readme";
import { spillDatasetRows } from "./spill-dataset-rows";
import { streamDatasetCsv } from "./stream-dataset-csv";

export interface WriteBundleOptions {
  /** The rendered documents, read back from their (private) files. */
  pdfPath: string;
  jsonPath: string;
  /** The spool as the JSON read it (reviewer withholdings applied); null for a categories-only answer. */
  source: SpoolSource | null;
  /** Private folder (mode 700) for the per-dataset spill files. */
  scratchDir: string;
  language: RequestLanguage;
  businessName: string;
  requestId: string;
  period: { start: string; end: string };
  /** Entry times: the disclosure's completion, so the same render gives the same bytes. */
  completedAt: string;
  fileStores: Readonly<Record<string, FileStoreConfig>>;
}

export interface WrittenBundle {
  sha256: string;
  bytes: number;
  entries: ReadmeEntry[];
  notIncluded: string[];
}

/**
 * The download bundle (issue 15.6, ADR 028): one ZIP with the PDF, the JSON, one CSV per dataset,
 * the stored files of file fields, and README.txt with the SHA-256 of every other entry. Written
 * with yazl, entry after entry, each streamed from its file or generator through a hash: nothing
 * is held whole in memory, whatever the number of records or the size of the files. A stored file
 * is checked against the SHA-256 the documents state before it is copied; one that is gone or has
 * changed since collection is left out and listed in README.txt, never swapped silently.
 */
export async function writeDisclosureBundle(options: WriteBundleOptions, out: Writable): Promise<WrittenBundle> {
  const zip = new ZipFile();
  const whole = createHash("sha256");
  let bytes = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      whole.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const written = pipeline(zip.outputStream, counted, out);
  const mtime = new Date(options.completedAt);
  const entries: ReadmeEntry[] = [];
  const notIncluded: string[] = [];
  const add = async (name: string, content: Readable, compress = true) => {
    const hash = createHash("sha256");
    let size = 0;
    // Hashes what yazl reads, as it reads it: no listener puts the stream in flowing mode early.
    const through = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    zip.addReadStream(through, name, { mtime, compress, mode: 0o100644 });
    await pipeline(content, through);
    await finished(through);
    entries.push({ name, sha256: hash.digest("hex"), bytes: size });
  };

  try {
    await add("disclosure.pdf", fs.createReadStream(options.pdfPath));
    await add("disclosure.json", fs.createReadStream(options.jsonPath));
    if (options.source) {
      const spilled = await spillDatasetRows(options.source, options.scratchDir);
      for (const dataset of spilled.datasets) await add(`csv/${dataset.sourceId}.${dataset.datasetId}.csv`, streamDatasetCsv(dataset, options.language));
      for (const [name, ref] of [...spilled.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const config = options.fileStores[ref.store];
        const store = config ? openFileStore(config) : null;
        if (!store || (await sha256Of(store, ref.key)) !== ref.sha256) {
          notIncluded.push(name);
          continue;
        }
        await add(name, await store.open(ref.key), !ref.contentType.startsWith("image/"));
      }
    }
    const readme = buildBundleReadme({ language: options.language, businessName: options.businessName, requestId: options.requestId, period: options.period, entries, notIncluded });
    zip.addBuffer(Buffer.from(readme, "utf8"), "README.txt", { mtime, mode: 0o100644 });
    zip.end();
    await written;
  } catch (error) {
    (zip.outputStream as Readable).destroy();
    throw error;
  }
  return { sha256: whole.digest("hex"), bytes, entries, notIncluded };
}

async function sha256Of(store: ReturnType<typeof openFileStore>, key: string): Promise<string | null> {
  try {
    const hash = createHash("sha256");
    for await (const chunk of await store.open(key)) hash.update(chunk as Buffer);
    return hash.digest("hex");
  } catch {
    return null;
  }
}
