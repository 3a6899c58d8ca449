import type { ExpandedSpoolRecord, ScalarValue, SpoolDataset, SpoolRecordLine } from "./collection-types.shared";

/**
 * Spool lines for records spelled out field by field (tests, benchmarks): a dataset line the first
 * time a dataset appears, and again, with a new ref, when a record brings a field that line lacks;
 * then one record line per record. A withheld field is written as its type only (7024(d)).
 */
export function* encodeSpoolLines(records: Iterable<ExpandedSpoolRecord>): Generator<string> {
  const current = new Map<string, { dataset: SpoolDataset; slots: Map<string, number> }>();
  let refs = 0;
  for (const record of records) {
    const key = JSON.stringify([record.sourceId, record.datasetId]);
    let entry = current.get(key);
    if (!entry || record.fields.some((f) => !entry!.slots.has(f.fieldId))) {
      const fields = [...(entry?.dataset.fields ?? [])];
      for (const { value: _value, withheld, ...spec } of record.fields) {
        if (!fields.some((f) => f.fieldId === spec.fieldId)) fields.push({ ...spec, neverDisclose: Boolean(withheld) });
      }
      const dataset: SpoolDataset = { ref: refs++, sourceId: record.sourceId, datasetId: record.datasetId, label: record.datasetLabel, fields };
      entry = { dataset, slots: new Map(fields.map((f, i) => [f.fieldId, i])) };
      current.set(key, entry);
      yield `${JSON.stringify(dataset)}\n`;
    }
    const { dataset, slots } = entry;
    const values: ScalarValue[] = dataset.fields.map(() => null);
    for (const field of record.fields) {
      const slot = slots.get(field.fieldId)!;
      if (dataset.fields[slot]!.neverDisclose !== Boolean(field.withheld)) throw new Error(`spool: ${field.fieldId} is withheld in some records only`);
      values[slot] = field.withheld ? field.withheld.type : field.value;
    }
    const line: SpoolRecordLine = [dataset.ref, record.recordKey, record.recordedAt, values];
    yield `${JSON.stringify(line)}\n`;
  }
}
