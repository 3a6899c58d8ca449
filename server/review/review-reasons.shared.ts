import type { RequestLanguage } from "../requests/request-fields.shared";

/**
 * Why a reviewer keeps a field out of a disclosure. Every withholding needs a stated basis (R35,
 * R42); the consumer reads the plain-language explanation of the code, or for "other" the
 * reviewer's own words. No Node imports: the ops UI reads these.
 */
export const REVIEW_REASON_CODES = ["third_party_pi", "security_risk", "exempt", "other"] as const;
export type ReviewReasonCode = (typeof REVIEW_REASON_CODES)[number];

export function isReviewReasonCode(value: unknown): value is ReviewReasonCode {
  return typeof value === "string" && (REVIEW_REASON_CODES as readonly string[]).includes(value);
}

/** For the reviewer (ops UI, English). */
export const REVIEW_REASON_LABELS: Record<ReviewReasonCode, string> = {
  third_party_pi: "Information about another person (1798.145(k))",
  security_risk: "Disclosure would be a security risk (7024(d))",
  exempt: "A CCPA exception applies (1798.145)",
  other: "Other (write the reason the consumer will read)",
};

/** What the consumer reads in the disclosure for each code ("other": the reviewer's text instead). */
export const REVIEW_REASON_TEXT: Record<RequestLanguage, Record<Exclude<ReviewReasonCode, "other">, string>> = {
  en: {
    third_party_pi:
      "This is personal information about another person, not about you. The right to know does not extend to personal information that belongs to or is held for another person (Cal. Civ. Code §\u00a01798.145(k)).",
    security_risk:
      "Disclosing it would create a substantial, articulable and unreasonable risk to the security of that information, your account or our systems (11 CCR\u00a0§\u00a07024(d)).",
    exempt: "An exception in the California Consumer Privacy Act applies to this information (Cal. Civ. Code §\u00a01798.145).",
  },
  es: {
    third_party_pi:
      "Se trata de información personal sobre otra persona, no sobre usted. El derecho a conocer no se extiende a la información personal que pertenece a otra persona o se conserva en su nombre (Código Civil de California, §\u00a01798.145(k)).",
    security_risk:
      "Divulgarla crearía un riesgo sustancial, concreto e injustificado para la seguridad de esa información, de su cuenta o de nuestros sistemas (11 CCR\u00a0§\u00a07024(d)).",
    exempt: "Se aplica a esta información una excepción de la Ley de Privacidad del Consumidor de California (Código Civil de California, §\u00a01798.145).",
  },
};

/** The reason a consumer reads for one withholding. */
export function reviewReasonText(language: RequestLanguage, code: ReviewReasonCode, reasonText: string): string {
  return code === "other" ? reasonText : REVIEW_REASON_TEXT[language][code];
}

/** A withholding as the renderer needs it: which values to drop and why. */
export interface ReviewWithholding {
  id: string;
  fieldId: string;
  /** null = the field in every record. */
  recordKey: string | null;
  reasonCode: ReviewReasonCode;
  reasonText: string;
  /**
   * A withholding by match (fieldId MATCH_ANY_FIELD): every value containing this text, compared
   * case-insensitively, in any field of any record. Absent or null for the other kinds.
   */
  matchText?: string | null;
}

/** The field id a withholding by match is stored with: it covers every field. */
export const MATCH_ANY_FIELD = "*";
/** Shortest text a match may use: shorter ones would catch unrelated values ("an", "5"). */
export const MATCH_TEXT_MIN = 3;
export const MATCH_TEXT_MAX = 200;
