import { createHash } from "node:crypto";
import type { DisclosureModel } from "./disclosure-model";
import { encodeDatasetRecords } from "./encode-dataset-records";
import { openRecordSpills, type RecordSpill } from "./open-record-spills";
import type { DatasetPieces, PiecesPlan } from "./plan-specific-pieces";
import type { SpoolSource } from "./spool-source";
import { ChunkWriter, FLUSH_AT } from "./utf8-chunk-writer";

/** 1.1: file pieces (ADR 028); the schema still accepts 1.0 documents, which have none. */
export const DISCLOSURE_SCHEMA_VERSION = "1.1";
/** Where the app serves docs/disclosure.schema.json (app/routes/schemas.disclosure-v1[.]json.ts). */
export const DISCLOSURE_SCHEMA_PATH = "/schemas/disclosure-v1.json";
/** The key whose preceding bytes the integrity hash covers; see docs/disclosure-format.md. */
export const INTEGRITY_KEY = '"integrity":';

export interface RenderJsonOptions {
  /** Absolute URL of the schema, e.g. PUBLIC_URL + DISCLOSURE_SCHEMA_PATH. */
  schemaUrl: string;
  /** Required when the model's contents include specific pieces. */
  pieces?: {
    plan: PiecesPlan;
    source: SpoolSource;
    /** A private folder (mode 700) for the spill files of datasets in several categories (ADR 018). */
    scratchDir: string;
  };
  /** Called after the last chunk with the SHA-256 and size of the whole file (no second pass to hash it). */
  onEnd?: (file: { sha256: string; bytes: number }) => void;
}

/**
 * The disclosure as JSON format v1 (docs/disclosure-format.md), streamed in chunks: the portable,
 * machine-readable copy 1798.130(a)(3)(B)(iii) asks for (R33). Layout is fixed so the bytes are a
 * function of the input: keys in the order written here (objects are built field by field, never
 * copied from input), two-space indentation, one specific-pieces record per line. The last member,
 * `integrity`, holds the SHA-256 of every byte before its key. Chunks are UTF-8 buffers, encoded
 * once for both the hash and the output.
 */
export async function* renderDisclosureJson(model: DisclosureModel, options: RenderJsonOptions): AsyncGenerator<Buffer> {
  const hash = createHash("sha256");
  const out = new ChunkWriter();
  let buffer = "";
  let bytes = 0;
  /** The bytes written since the last call, hashed once for the integrity member and the file. */
  const take = (): Buffer => {
    out.write(buffer);
    buffer = "";
    const chunk = out.take();
    hash.update(chunk);
    bytes += chunk.length;
    return chunk;
  };
  const member = (key: string, value: unknown, last = false) => {
    buffer += `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, "\n  ")}${last ? "\n" : ",\n"}`;
  };

  const { request: r, business: b } = model;
  buffer += "{\n";
  member("$schema", options.schemaUrl);
  member("schemaVersion", DISCLOSURE_SCHEMA_VERSION);
  member("contents", model.contents);
  member("request", {
    id: r.id,
    type: r.type,
    receivedAt: r.receivedAt,
    receiptDate: r.receiptDate,
    dueDate: r.dueDate,
    completedAt: r.completedAt,
    period: { kind: r.period.kind, start: r.period.start, end: r.period.end },
    channel: r.channel,
    submittedBy: r.submittedBy,
    language: r.language,
  });
  member("business", { name: b.name, legalName: b.legalName, contactEmail: b.contactEmail, privacyPolicyUrl: b.privacyPolicyUrl });
  member("verification", { level: model.verification.level, downgraded: model.verification.downgraded });
  member("messages", model.messages.map((m) => ({ code: m.code, text: m.text })));
  member(
    "categories",
    model.categories.map((c) => ({
      code: c.code,
      label: c.label,
      collected: c.collected,
      sources: c.sources,
      purposes: c.purposes,
      disclosedTo: c.disclosedTo,
      soldTo: c.soldTo,
      sharedWith: c.sharedWith,
      // Additive in v1: what of the category is sold or shared, when any is (docs/disclosure-format.md).
      ...(c.soldInformation ? { soldInformation: c.soldInformation } : {}),
      ...(c.sharedInformation ? { sharedInformation: c.sharedInformation } : {}),
    })),
  );

  if (model.contents === "categories_and_specific_pieces") {
    if (!options.pieces) throw new Error("renderDisclosureJson: specific pieces need a plan and a spool");
    const { plan, source, scratchDir } = options.pieces;
    // A dataset in several categories (page views: A, F and G) is read once per category when the
    // source hands on its lines: copying values from the spool's bytes made a pass cheaper than
    // writing and reading back spill files (ADR 021), and no plaintext copy is made. A source that
    // changes records (a reviewer's withholdings) hands on decoded records only: such a dataset is
    // read once, at its first category, and its records for the later ones wait in spill files
    // until their place comes (ADR 018).
    const spills = openRecordSpills<DatasetPieces>(scratchDir);
    const readOnce = !source.readLines;
    try {
      buffer += `  "specificPieces": {\n    "recordCount": ${plan.records},\n    "categories": [`;
      for (const [ci, category] of plan.categories.entries()) {
        buffer += `${ci ? "," : ""}\n      {\n        "code": ${JSON.stringify(category.code)},\n        "label": ${JSON.stringify(category.label)},`;
        buffer += `\n        "recordCount": ${category.records},\n        "datasets": [`;
        for (const [di, group] of category.datasets.entries()) {
          buffer += `${di ? "," : ""}\n          {\n            "source": ${JSON.stringify(group.source)},\n            "dataset": ${JSON.stringify(group.dataset)},`;
          buffer += `\n            "recordCount": ${group.records},\n            "records": [`;
          out.write(buffer);
          buffer = "";
          const spilled = spills.replay(group);
          if (spilled) {
            yield take();
            for await (const chunk of spilled) {
              hash.update(chunk);
              bytes += chunk.length;
              yield chunk;
            }
          } else {
            const later = plan.categories
              .slice(ci + 1)
              .flatMap(({ code, datasets }) => (readOnce ? datasets.filter((g) => g.sourceId === group.sourceId && g.datasetId === group.datasetId).map((g) => ({ group: g, code })) : []));
            const ahead: RecordSpill[] = [];
            for (const { group: g } of later) ahead.push(await spills.create(g));
            const targets = [{ group, code: category.code, out }, ...later.map(({ group: g, code }, k) => ({ group: g, code, out: ahead[k]!.out }))];
            // Stops whenever a list holds a chunk's worth: the output's goes on, spills go to disk.
            for await (const _ of encodeDatasetRecords(source, targets)) {
              if (out.pending >= FLUSH_AT) yield take();
              for (const spill of ahead) await spill.flush();
            }
            for (const spill of ahead) await spill.end();
          }
          // Every group has at least one record (the plan makes a group at its first piece).
          buffer += `${group.records === 0 ? "]" : "\n            ]"}\n          }`;
        }
        buffer += `${category.datasets.length ? "\n        ]" : "]"}\n      }`;
      }
      buffer += `${plan.categories.length ? "\n    ]" : "]"}\n  },\n`;
    } finally {
      await spills.close();
    }
  }

  member(
    "withheld",
    model.withheld.map((w) => ({ type: w.type, label: w.label, collected: true, count: w.count, statement: w.statement, reason: w.reason })),
  );
  // Additive in v1: present only when a reviewer withheld values (docs/disclosure-format.md).
  if (model.withheldByReview.length > 0) {
    member(
      "withheldByReview",
      model.withheldByReview.map((w) => ({ label: w.label, dataset: w.dataset, count: w.count, reasonCode: w.reasonCode, statement: w.statement, reason: w.reason })),
    );
  }
  member("sources", {
    complete: model.sources.complete,
    searched: model.sources.searched.map((s) => ({ source: s.source, status: s.status, statusLabel: s.statusLabel, records: s.records })),
    excluded: model.sources.excluded.map((e) => ({ dataset: e.dataset, reason: e.reason })),
  });
  buffer += "  ";
  const head = take();
  // The file's hash continues from the integrity hash's state: the head is hashed once for both.
  const file = hash.copy();
  const digest = hash.digest("hex");
  yield head;
  const tail = Buffer.from(`${INTEGRITY_KEY} ${JSON.stringify({ algorithm: "sha256", covers: "bytes_before_integrity_key", sha256: digest }, null, 2).replace(/\n/g, "\n  ")}\n}\n`, "utf8");
  file.update(tail);
  yield tail;
  options.onEnd?.({ sha256: file.digest("hex"), bytes: bytes + tail.length });
}
