import type { MailLanguage } from "./mail-templates";

/**
 * The plain-language basis of a denial (1798.130(a)(2)(B) and 11 CCR 7024(e): explain the basis
 * for denying). The coded ones complete "we are not able to fulfil your request, because …".
 */
const TEXT: Record<string, Record<MailLanguage, string>> = {
  not_a_consumer: {
    en: "this process is for California residents, and based on your answers the request was not made by a California consumer",
    es: "este proceso es para residentes de California y, según sus respuestas, la solicitud no la hizo un consumidor de California",
  },
  agent_unauthorized: {
    en: "we could not confirm that the person who asked is authorized to act for you. No personal information has been disclosed",
    es: "no pudimos confirmar que la persona que lo pidió esté autorizada a actuar en su nombre. No se ha revelado información personal",
  },
  consumer_refused: {
    en: "you told us you did not authorize this request. No personal information has been disclosed",
    es: "usted nos dijo que no autorizó esta solicitud. No se ha revelado información personal",
  },
  too_many_requests: {
    en: "we have already answered two requests from you in the last 12 months, and the law does not require us to answer more often",
    es: "ya respondimos dos solicitudes suyas en los últimos 12 meses y la ley no nos obliga a responder con más frecuencia",
  },
  exempt: {
    en: "the information is covered by an exemption in the California Consumer Privacy Act",
    es: "la información está cubierta por una excepción de la Ley de Privacidad del Consumidor de California",
  },
  unverifiable: {
    en: "we could not verify your identity",
    es: "no pudimos verificar su identidad",
  },
};

export function denialReasonText(code: string | null, language: MailLanguage, staffReason?: string | null): ReasonText {
  const known = code ? TEXT[code]?.[language] : undefined;
  if (known) return { because: known };
  const written = staffReason?.trim();
  // A reviewer's own words are quoted as written, never spliced into our sentence (issue 17.4).
  if (written) return { quote: written };
  return { because: language === "es" ? "de una razón que le explicaremos si nos escribe" : "of a reason we will explain if you write to us" };
}

/**
 * A reason as the consumer reads it: our own phrase completing "…, because <phrase>.", or a staff
 * member's text shown as a quoted block after "Our reason:".
 */
export type ReasonText = { because: string; quote?: never } | { quote: string; because?: never };
