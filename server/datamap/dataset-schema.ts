import { z } from "zod";
import { CATEGORY_CODES, NEVER_DISCLOSE_TYPES } from "../categories/ccpa-categories.shared";

/**
 * One dataset of a source (a table, an API endpoint, an exported file) and its fields. Field-level
 * rules that Zod cannot express (a disclosed field needs a label and categories, sensitive must
 * agree with category L...) are checked by cross-check-datamap.ts, with the same path format.
 */
export const LocalizedTextSchema = z
  .strictObject({ en: z.string().min(1), es: z.string().min(1) })
  .describe("Plain-language text in English and Spanish.");

export const CodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, "must be a lower-case code such as web_events (a-z, 0-9, _)");

export const CategorySchema = z.enum(CATEGORY_CODES, {
  error: (issue) => `unknown category "${String(issue.input)}" (use A-L, Civ. Code 1798.140(v)(1))`,
});

export const NeverDiscloseTypeSchema = z.enum(NEVER_DISCLOSE_TYPES, {
  error: (issue) => `unknown never-disclose type "${String(issue.input)}" (one of ${NEVER_DISCLOSE_TYPES.join(", ")})`,
});

const NeverDiscloseSchema = z.union([
  NeverDiscloseTypeSchema,
  z
    .strictObject({
      byColumn: z.string().min(1).describe("A column of the same record that tells which type this value is."),
      values: z.record(z.string(), NeverDiscloseTypeSchema),
      otherwise: NeverDiscloseTypeSchema,
    })
    .describe("The type depends on another column, e.g. photo_id_type = passport | driver_license."),
]);

export const RecipientsSchema = z.strictObject({
  businessPurpose: z.array(CodeSchema).optional().describe("Disclosed for a business purpose (1798.115(a)(3))."),
  sold: z.array(CodeSchema).optional(),
  shared: z.array(CodeSchema).optional().describe("Shared for cross-context behavioral advertising (1798.140(ah))."),
});

/** How a field's stored value is shown to a person (docs/data-map.md#values-and-formats). */
export const FIELD_FORMATS = ["money_cents", "boolean", "percent", "date", "instant"] as const;
export type FieldFormat = (typeof FIELD_FORMATS)[number];

export const FieldSchema = z
  .strictObject({
    label: LocalizedTextSchema.optional(),
    categories: z.array(CategorySchema).min(1).optional(),
    sensitive: z.boolean().optional().describe("Must agree with category L (1798.140(ae)); derived from it when omitted."),
    neverDisclose: NeverDiscloseSchema.optional().describe("11 CCR 7024(d): the value never leaves the connector; the type is reported as collected."),
    internal: z.literal(true).optional().describe("Omitted from the disclosure (e.g. a foreign key shown elsewhere); requires `reason`."),
    reason: z.string().min(1).optional().describe("Why an internal field is omitted; for reviewers, not shown to the consumer."),
    pointer: z.string().optional().describe("http and ndjson datasets: JSON pointer into the record; default /<field name>."),
    type: z
      .enum(["decimal", "boolean", "date", "instant", "json"])
      .optional()
      .describe(
        "How the value is disclosed when the column type cannot say (SQLite, MySQL 0/1, CSV): decimal (number, or exact text beyond 15 digits), boolean, date (YYYY-MM-DD), instant (ISO 8601 UTC; text without a zone is UTC), json (canonical JSON text).",
      ),
    from: z
      .strictObject({ via: z.string().min(1), table: z.string().min(1), key: z.string().min(1), column: z.string().min(1) })
      .optional()
      .describe("sql only: a value read from another table (reference data) through a column of this one."),
    values: z
      .record(z.string().min(1), LocalizedTextSchema)
      .optional()
      .describe("Labels of stored codes (page_view -> Page view); the document shows the label and the JSON keeps the code beside it."),
    format: z
      .enum(FIELD_FORMATS)
      .optional()
      .describe("money_cents (integer cents), boolean (0/1), percent (a share 0-1), date (YYYY-MM-DD), instant (a time; UTC ISO 8601 in the JSON)."),
    currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD").optional().describe("money_cents only: the currency (default USD)."),
    sourceCategories: z.array(CodeSchema).optional().describe("Replaces the dataset's (or source's) list for this field."),
    purposes: z.array(CodeSchema).optional().describe("Replaces the dataset's (or source's) purposes for this field."),
    recipients: RecipientsSchema.optional().describe("Each list given replaces the dataset's (or source's) one for this field."),
    file: z
      .strictObject({ source: CodeSchema.describe("The id of a source of kind files.") })
      .optional()
      .describe("The value is a storage key: the disclosure carries the stored file, not the key (ADR 027)."),
  })
  .describe("Every column of the dataset is declared, so nothing is dropped or disclosed by accident.");

const IdentifierRefSchema = z.strictObject({ column: z.string().min(1), identifier: CodeSchema });

const LookupSchema = z.strictObject({
  column: z.string().min(1),
  identifier: CodeSchema,
  match: z.enum(["exact", "case_insensitive", "digits"]).optional().describe("digits: compare digits only (phone numbers typed in any format)."),
  url: z.string().min(1).optional().describe("http only: the request for this lookup, with an {identifier} placeholder."),
});

const TimeSchema = {
  timeField: z
    .string()
    .min(1)
    .nullable()
    .describe("When the record was collected or last updated; null = the source keeps no time. sql: may name a `from` field, dating a child row by its parent (an invoice line by its invoice)."),
  timeEndField: z.string().min(1).optional().describe("The record stays current until this time (null = still current)."),
  stillHeld: z
    .literal(true)
    .optional()
    .describe("The record stays current for as long as it is held (a profile with no end column): in the period when its timeField is before the period ends."),
  timeFormat: z.enum(["text", "epoch_ms", "epoch_s"]).optional().describe("text = SQL DATETIME/TIMESTAMP or ISO-8601/UTC text (default)."),
};

const DatasetBase = {
  id: CodeSchema,
  label: LocalizedTextSchema,
  ...TimeSchema,
  lookups: z.array(LookupSchema).optional().describe("How to find the person's rows: a column and the identifier type it holds."),
  yields: z.array(IdentifierRefSchema).optional().describe("Identifiers this dataset reveals for the identity graph."),
  owners: z
    .array(IdentifierRefSchema)
    .optional()
    .describe("A row whose owner column holds an identifier that is not the person's belongs to someone else and is skipped."),
  fields: z.record(z.string(), FieldSchema),
  sourceCategories: z.array(CodeSchema).optional().describe("Replaces the source's list for this dataset."),
  purposes: z.array(CodeSchema).optional(),
  recipients: RecipientsSchema.optional(),
  excluded: z
    .strictObject({ reason: LocalizedTextSchema })
    .optional()
    .describe("Deidentified, aggregate or not reasonably linkable data (1798.140(v)(3), 11 CCR 7060(g)): never searched."),
};

export const SqlDatasetSchema = z.strictObject({
  ...DatasetBase,
  table: z.string().min(1),
  primaryKey: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(2)])
    .describe("The column that identifies a row, or the columns of a composite key together ([order_id, line_no])."),
});

const PaginationSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("cursor"),
    param: z.string().min(1).describe("Query parameter that carries the cursor."),
    next: z.string().describe("JSON pointer to the next cursor in the response; absent, null or empty = last page."),
  }),
  z.strictObject({
    type: z.literal("next_link"),
    next: z.string().describe("JSON pointer to the next page's URL (same origin only)."),
  }),
]);

export const HttpDatasetSchema = z.strictObject({
  ...DatasetBase,
  primaryKey: z.string().min(1).nullable().optional(),
  request: z.strictObject({
    url: z.string().min(1).optional().describe("Path relative to the source URL, with an {identifier} placeholder."),
    method: z.literal("GET").optional(),
    records: z.string().describe("JSON pointer to the array of records in the response (\"\" = the body itself)."),
    pagination: PaginationSchema.optional(),
    timeoutMs: z.number().int().min(50).max(120_000).optional(),
    retries: z.number().int().min(0).max(5).optional(),
    maxPages: z.number().int().min(1).max(100_000).optional(),
    notFoundMeansNoRecords: z.boolean().optional().describe("Treat HTTP 404 as \"no records\" rather than a failure."),
  }),
  undeclaredKeys: z.enum(["error", "ignore"]).optional().describe("A response key not declared as a field fails the source (default)."),
});

export const FileDatasetSchema = z.strictObject({
  ...DatasetBase,
  primaryKey: z.string().min(1).nullable().optional().describe("Default: the line number."),
  file: z.strictObject({
    path: z.string().min(1).describe("Relative to the source's directory."),
    format: z.enum(["csv", "ndjson"]),
    delimiter: z.string().length(1).optional(),
  }),
});

export type Field = z.infer<typeof FieldSchema>;
export type Lookup = z.infer<typeof LookupSchema>;
export type IdentifierRef = z.infer<typeof IdentifierRefSchema>;
export type Recipients = z.infer<typeof RecipientsSchema>;
export type SqlDataset = z.infer<typeof SqlDatasetSchema>;
export type HttpDataset = z.infer<typeof HttpDatasetSchema>;
export type FileDataset = z.infer<typeof FileDatasetSchema>;
export type Dataset = SqlDataset | HttpDataset | FileDataset;
