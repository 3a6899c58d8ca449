/**
 * Closed value sets of a request row, shared by every intake channel and the UI. No Node imports.
 */
import type { ActorKind } from "./request-states.shared";

/** RTK-C (categories, 1798.110(a)(1)-(4)) or RTK-SP (specific pieces, 1798.110(a)(5)). */
export const REQUEST_TYPES = ["categories", "specific"] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/**
 * How the request reached us (R2 designated methods; R4 off-channel requests are still requests).
 * web = the portal form; agent = an authorized agent's portal account; drp = Data Rights Protocol
 * API; phone, mail, email = entered by staff from the toll-free line, a letter or an inbox; ops =
 * any other staff intake.
 */
export const REQUEST_CHANNELS = ["web", "agent", "drp", "phone", "mail", "email", "ops"] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

/**
 * Channels where staff type the request in after it arrived: only these may carry an earlier
 * receipt time, because the 45-day clock starts when the business received it (R4, X16; 7021(b)).
 * Online channels are stamped by the server at submission.
 */
export const BACKDATED_CHANNELS: readonly RequestChannel[] = ["phone", "mail", "email", "ops"];

/** "12_months" before receipt (default, 7024(h)) or everything "since_2022" (1798.130(a)(2)(B)). */
export const REQUEST_PERIODS = ["12_months", "since_2022"] as const;
export type RequestPeriod = (typeof REQUEST_PERIODS)[number];

export const REQUEST_LANGUAGES = ["en", "es"] as const;
export type RequestLanguage = (typeof REQUEST_LANGUAGES)[number];

/** Who did something: recorded on request events and audit rows (11 CCR 7101(a), R42). */
export interface Actor {
  kind: ActorKind;
  /** Staff user, agent or consumer-session id; null for the system and anonymous consumers. */
  id?: string | null;
}

export const SYSTEM_ACTOR: Actor = { kind: "system", id: null };
