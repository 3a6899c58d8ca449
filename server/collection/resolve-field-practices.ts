import type { Dataset, Field } from "../datamap/dataset-schema";
import type { Source } from "../datamap/datamap-schema";

/** The practice codes that apply to one field: what a category row states for it (R24). */
export interface FieldPractices {
  sourceCategories: readonly string[];
  purposes: readonly string[];
  businessPurpose: readonly string[];
  sold: readonly string[];
  shared: readonly string[];
}

/**
 * A field's categories of sources, purposes and recipients: the field's own list where the map
 * gives one, else the dataset's, else the source's; each recipients list (business purpose, sold,
 * shared) separately. An SSN kept for credit decisions is not "used for marketing" because the
 * rest of its table is (1798.110(a)(3)-(4), 1798.115(a); 11 CCR 7027(m)).
 */
export function resolveFieldPractices(source: Extract<Source, { recipients: unknown }>, dataset: Dataset, field: Field): FieldPractices {
  const recipients = (key: "businessPurpose" | "sold" | "shared") => field.recipients?.[key] ?? dataset.recipients?.[key] ?? source.recipients[key] ?? [];
  return {
    sourceCategories: field.sourceCategories ?? dataset.sourceCategories ?? source.sourceCategories,
    purposes: field.purposes ?? dataset.purposes ?? source.purposes,
    businessPurpose: recipients("businessPurpose"),
    sold: recipients("sold"),
    shared: recipients("shared"),
  };
}
