import type { AppContext } from "../context";
import { findIdentityRecord } from "../verification/find-identity-record";
import type { RequesterIdentifiers } from "./build-review-index";

/**
 * The requester's own identifiers, as they gave them and as the business's customer list holds
 * them: a mention of these is not "someone else" (1798.145(k), R30). One place, so the index built
 * after collection and the one a review page would build agree. A customer list that cannot be
 * asked leaves only what the requester gave.
 */
export async function findRequesterIdentifiers(ctx: AppContext, subject: { email: string; phone: string | null; name: string | null }): Promise<RequesterIdentifiers> {
  const held = await findIdentityRecord(ctx, { email: subject.email }).catch(() => []);
  return {
    emails: [subject.email, ...held.map((h) => h.email)],
    phones: [subject.phone, ...held.map((h) => h.phone)].filter((p): p is string => Boolean(p)),
    names: [subject.name, ...held.map((h) => h.fullName)].filter((n): n is string => Boolean(n)),
  };
}
