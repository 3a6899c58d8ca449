import { z } from "zod";
import {
  CodeSchema,
  FileDatasetSchema,
  HttpDatasetSchema,
  LocalizedTextSchema,
  RecipientsSchema,
  SqlDatasetSchema,
} from "./dataset-schema";

/**
 * The data map: one declarative file describing the business and every system holding personal
 * information (DESIGN.md §5; reference: docs/data-map.md; JSON Schema: docs/data-map.schema.json).
 * Secrets never appear in it: connections name environment variables.
 */
const EnvNameSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,127}$/, "must be the name of an environment variable, such as DEMO_SOURCE_URL");

const CatalogEntrySchema = z.strictObject({ code: CodeSchema, label: LocalizedTextSchema });

const CatalogSchema = z
  .strictObject({
    identifiers: z
      .array(CatalogEntrySchema.extend({
          scope: z
            .enum(["person", "group", "record"])
            .describe("person: rows found by it are about the person; group: it names a group they belong to; record: it names one dated record (an invoice, an order) whose parts other tables hold."),
        }))
      .optional()
      .describe("Identifier types beyond the built-in ones (email, phone, customer_number, user_id, ...)."),
    sourceCategories: z.array(CatalogEntrySchema).optional(),
    purposes: z.array(CatalogEntrySchema).optional(),
    recipients: z.array(CatalogEntrySchema).optional(),
  })
  .describe("Codes of this business, added to the built-in catalog (docs/data-map.md#catalog).");

const SourceBase = {
  id: CodeSchema,
  label: LocalizedTextSchema,
  sourceCategories: z.array(CodeSchema).min(1).describe("Categories of sources, 11 CCR 7001(e)."),
  purposes: z.array(CodeSchema).min(1).describe("Business or commercial purposes, 1798.140(e)."),
  recipients: RecipientsSchema,
};

const SqlSourceSchema = z.strictObject({
  ...SourceBase,
  kind: z.literal("sql"),
  connection: z.strictObject({ urlEnv: EnvNameSchema.describe("Holds sqlite:<file> or mysql://user:pass@host/db.") }),
  datasets: z.array(SqlDatasetSchema),
  ignoredTables: z
    .array(z.strictObject({ table: z.string().min(1), reason: z.string().min(1) }))
    .optional()
    .describe("Tables that hold no personal information; every other live table must be declared."),
});

const HttpSourceSchema = z.strictObject({
  ...SourceBase,
  kind: z.literal("http"),
  connection: z.strictObject({
    urlEnv: EnvNameSchema.describe("Holds the API's base URL."),
    authHeaderEnv: EnvNameSchema.optional().describe("Holds the full header value, e.g. \"Bearer <token>\"."),
    authHeaderName: z.string().regex(/^[A-Za-z0-9-]+$/).optional().describe("Default: Authorization."),
  }),
  datasets: z.array(HttpDatasetSchema),
});

const FileSourceSchema = z.strictObject({
  ...SourceBase,
  kind: z.literal("file"),
  connection: z.union([
    z.strictObject({ dirEnv: EnvNameSchema.describe("Holds the directory the exports are in.") }),
    z.strictObject({ dir: z.string().min(1).describe("A directory relative to the data map file (fixtures shipped with it).") }),
  ]),
  datasets: z.array(FileDatasetSchema),
});

/**
 * A file store (camera stills, signature images, uploaded documents): a field of another source
 * that holds a storage key names this source in `file: { source }`, and the disclosure carries the
 * file, not the key (docs/data-map.md#file-stores, ADR 027). It has no datasets of its own: what a
 * file is and who sees it follows the dataset of the field that names it.
 */
const FilesSourceSchema = z.strictObject({
  id: CodeSchema,
  label: LocalizedTextSchema,
  kind: z.literal("files"),
  connection: z.union([
    z.strictObject({ dirEnv: EnvNameSchema.describe("Holds the directory the files are in (keys are paths inside it).") }),
    z.strictObject({ dir: z.string().min(1).describe("A directory relative to the data map file.") }),
  ]),
  maxFileBytes: z.number().int().min(1).max(1024 ** 3).optional().describe("Files larger than this are reported as too large, not copied (default 25 MB)."),
  datasets: z.array(z.never()).max(0, "a files source has no datasets: name it in a field's file: { source }").default([]),
});

export const SourceSchema = z.discriminatedUnion("kind", [SqlSourceSchema, HttpSourceSchema, FileSourceSchema, FilesSourceSchema]);

const IdentitySchema = z
  .strictObject({
    source: CodeSchema,
    dataset: CodeSchema,
    fields: z
      .strictObject({
        email: z.string().min(1),
        phone: z.string().optional(),
        firstName: z.string().optional(),
        lastName: z.string().optional(),
        fullName: z.string().optional(),
        street: z.string().optional(),
        city: z.string().optional(),
        state: z.string().optional(),
        postalCode: z.string().optional(),
        country: z.string().optional(),
        dateOfBirth: z.string().optional(),
        customerNumber: z.string().optional(),
      })
      .describe("Columns holding the data points a requester's answers are matched against (11 CCR 7062)."),
    maxDepth: z.number().int().min(1).max(10).optional().describe("How many hops the identity graph may take (default 5)."),
  })
  .describe("Where verification finds the data points a requester must match.");

export const DatamapSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(1),
    business: z.strictObject({
      name: z.string().min(1),
      legalName: z.string().min(1),
      contactEmail: z.email(),
      privacyPolicyUrl: z.url(),
      requestMethods: z
        .array(
          z.strictObject({
            kind: z.enum(["webform", "email", "toll_free", "mail", "in_person"]),
            value: z.string().min(1),
            label: LocalizedTextSchema.optional(),
          }),
        )
        .min(1)
        .describe("Designated methods for submitting requests (1798.130(a)(1); 11 CCR 7020)."),
    }),
    identity: IdentitySchema,
    catalog: CatalogSchema.optional(),
    sources: z.array(SourceSchema).min(1),
  })
  .describe("A business's data map for CCPA Right to Know requests.");

export type Datamap = z.infer<typeof DatamapSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type SqlSource = z.infer<typeof SqlSourceSchema>;
export type HttpSource = z.infer<typeof HttpSourceSchema>;
export type FileSource = z.infer<typeof FileSourceSchema>;
export type FilesSource = z.infer<typeof FilesSourceSchema>;
export type Identity = z.infer<typeof IdentitySchema>;
