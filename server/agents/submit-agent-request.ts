import { emailAddress } from "../lib/email-address";
import { createHash } from "node:crypto";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { newId } from "../lib/ids";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { createRequest } from "../requests/create-request";
import { REQUEST_LANGUAGES, REQUEST_PERIODS, REQUEST_TYPES } from "../requests/request-fields.shared";
import { findIdentityRecord } from "../verification/find-identity-record";
import { AUTHORIZATION_KINDS, CONSUMER_CONFIRM_TTL_DAYS, MAX_AUTHORIZATION_BYTES } from "./agent-policy";
import { removeAuthorizationFile, writeAuthorizationFile } from "./authorization-files";
import { insertAuthorization } from "./authorizations.repository";
import { issueAgentToken } from "./issue-agent-token";
import { sendAgentMail } from "./send-agent-mail";
import { sniffDocumentType } from "./sniff-document-type";
import { verifyPowerOfAttorneyRequest } from "./verify-power-of-attorney-request";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);

export const AgentRequestFieldsSchema = z.strictObject({
  type: z.enum(REQUEST_TYPES),
  period: z.enum(REQUEST_PERIODS),
  language: z.enum(REQUEST_LANGUAGES),
  authorizationKind: z.enum(AUTHORIZATION_KINDS),
  californiaResident: z.enum(["yes", "no"]),
  name: z.string().trim().min(1).max(200),
  email: emailAddress(),
  phone: optionalText(40),
  street: optionalText(200),
  city: optionalText(100),
  state: optionalText(40),
  postalCode: optionalText(20),
  /** R22/7062(c): required with a power of attorney, whose holder signs for the consumer. */
  declaration: z.literal("yes").optional(),
});
export type AgentRequestFields = z.input<typeof AgentRequestFieldsSchema>;

export type DocumentProblem = "document_missing" | "document_empty" | "document_too_large" | "document_wrong_type";
export type SubmitAgentRequestResult =
  | { ok: false; fields: string[] }
  | { ok: true; requestId: string; consumerMailed: boolean; authorizationKind: (typeof AUTHORIZATION_KINDS)[number] };

/**
 * An agent's request for a consumer (11 CCR 7063; R20-R22). The document is checked by its bytes
 * (sniffDocumentType) before anything is written, so a refused upload is stored nowhere. Then the
 * encrypted file, and in ONE transaction the request (channel "agent", its clock starting now),
 * the authorization row and an audit event; a failed transaction removes the file again.
 * - signed permission: the consumer gets a single-use link to confirm or refuse the agent
 *   (7063(a)(2)) and then verifies their identity directly (7063(a)(1));
 * - power of attorney: the consumer steps are skipped (7063(b)); see verifyPowerOfAttorneyRequest.
 * Returns the names of bad fields, never their values.
 */
export async function submitAgentRequest(
  ctx: AppContext,
  input: { agentId: string; agentName: string; agentKind: string; fields: AgentRequestFields; document: Buffer | null | DocumentProblem; now?: Date },
): Promise<SubmitAgentRequestResult> {
  const now = input.now ?? new Date();
  const parsed = AgentRequestFieldsSchema.safeParse(input.fields);
  const fields = parsed.success ? [] : [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
  if (parsed.success && parsed.data.authorizationKind === "power_of_attorney" && !parsed.data.declaration) fields.push("declaration");
  const documentProblem = documentProblemOf(input.document);
  if (documentProblem) fields.push(documentProblem);
  if (!parsed.success || fields.length > 0 || !Buffer.isBuffer(input.document)) return { ok: false, fields };
  const form = parsed.data;
  const bytes = input.document;
  const mimeType = sniffDocumentType(bytes);
  if (!mimeType.ok) return { ok: false, fields: ["document_wrong_type"] };

  const address = form.street ? { street: form.street, city: form.city ?? null, state: form.state ?? null, postalCode: form.postalCode ?? null } : null;
  const isPoa = form.authorizationKind === "power_of_attorney";
  const held = isPoa ? await findIdentityRecord(ctx, { email: form.email }) : [];
  const authorizationId = newId();
  const storageKey = newId();
  await writeAuthorizationFile(ctx.env, { storageKey, bytes });
  let committed: { requestId: string; token: string | null };
  try {
    committed = await runInWriteTransaction(ctx, async (tx) => {
      const created = await createRequest(tx, {
        type: form.type,
        channel: "agent",
        period: form.period,
        language: form.language,
        californiaResident: form.californiaResident === "yes",
        subject: { name: form.name, email: form.email, ...(form.phone ? { phone: form.phone } : {}), ...(address ? { address: compact(address) } : {}) },
        agentId: input.agentId,
        actor: { kind: "agent", id: input.agentId },
      });
      await insertAuthorization(tx.db, {
        id: authorizationId,
        request_id: created.id,
        agent_id: input.agentId,
        kind: form.authorizationKind,
        storage_key: storageKey,
        mime_type: mimeType.mimeType,
        size_bytes: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        consumer_confirmed_at: null,
        consumer_refused_at: null,
        created_at: toDbTime(now),
        release_to_agent: null,
      });
      await recordAuditEvent(tx, {
        actor: { kind: "agent", id: input.agentId },
        action: "agent.request_submitted",
        requestId: created.id,
        details: { authorizationId, authorizationKind: form.authorizationKind, format: mimeType.mimeType.split("/")[1]!, sizeBytes: bytes.length },
        now,
      });
      if (isPoa) {
        await verifyPowerOfAttorneyRequest(tx, {
          requestId: created.id,
          submitted: { requestType: form.type, email: form.email, fullName: form.name, phone: form.phone ?? null, postalAddress: address },
          held,
          agentName: input.agentName,
          now,
        });
        return { requestId: created.id, token: null };
      }
      const token = await issueAgentToken(tx, { purpose: "consumer_confirm", agentId: input.agentId, authorizationId, ttlMs: CONSUMER_CONFIRM_TTL_DAYS * 86_400_000, now });
      return { requestId: created.id, token };
    });
  } catch (error) {
    await removeAuthorizationFile(ctx.env, storageKey);
    throw error;
  }
  let consumerMailed = true;
  if (committed.token) {
    consumerMailed = await sendAgentMail(ctx, {
      template: "agent_authorization_request",
      to: form.email,
      language: form.language,
      params: { url: `${ctx.env.PUBLIC_URL}/authorize/${committed.token}`, agentName: input.agentName, agentKind: input.agentKind },
    });
  }
  return { ok: true, requestId: committed.requestId, consumerMailed, authorizationKind: form.authorizationKind };
}

function documentProblemOf(document: Buffer | null | DocumentProblem): DocumentProblem | null {
  if (document === null) return "document_missing";
  if (typeof document === "string") return document;
  if (document.length === 0) return "document_empty";
  if (document.length > MAX_AUTHORIZATION_BYTES) return "document_too_large";
  return null;
}

function compact(address: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(address).filter((e): e is [string, string] => e[1] !== null));
}
