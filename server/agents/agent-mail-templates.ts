import { MAIL_TEXT_LIMITS } from "../mail/mail-templates";
import { plainMailText } from "../mail/plain-mail-text";

/**
 * Mail about authorized agents. The consumer's mail is in the request's language (11 CCR 7003);
 * mail to agents is in English, like the agent portal (ADR 013). No template carries collected
 * personal information; links carry a random single-use token, never a request id alone.
 */
export interface AgentMailParams {
  businessName: string;
  url: string;
  agentName?: string;
  agentKind?: string;
  requestId?: string;
}

type Render = (p: AgentMailParams) => { subject: string; text: string };

const kindText = { en: { person: "a person", business: "a business" }, es: { person: "una persona", business: "una empresa" } } as const;
const kindOf = (lang: "en" | "es", kind?: string) => kindText[lang][kind === "business" ? "business" : "person"];

export const AGENT_MAIL_TEMPLATES = {
  agent_email_verify: {
    en: (p) => ({
      subject: `Confirm your e-mail address for ${p.businessName} agent requests`,
      text: `Someone registered this address as an authorized agent with ${p.businessName}.\n\nTo confirm it, open this link within 24 hours:\n${p.url}\n\nIf this was not you, ignore this message; the account stays unusable.\n\n${p.businessName} privacy team`,
    }),
    es: (p) => ({
      subject: `Confirme su correo para solicitudes de agente de ${p.businessName}`,
      text: `Alguien registró esta dirección como agente autorizado ante ${p.businessName}.\n\nPara confirmarla, abra este enlace en las próximas 24 horas:\n${p.url}\n\nSi no fue usted, ignore este mensaje; la cuenta no podrá usarse.\n\nEquipo de privacidad de ${p.businessName}`,
    }),
  },
  agent_authorization_request: {
    en: (p) => ({
      subject: `Did you authorize ${p.agentName} to ask ${p.businessName} for your information?`,
      text: `Hello,\n\n${p.agentName} (${kindOf("en", p.agentKind)}) asked ${p.businessName}, on your behalf, what personal information we hold about you, and sent us a permission they say you signed.\n\nBefore we do anything, please tell us whether you gave this permission. If you did, we will also ask you to confirm your identity.\n\nConfirm or refuse: ${p.url}\n\nThe link works once and for 10 days. If you do not answer, we will not disclose anything to anyone.\n\n${p.businessName} privacy team`,
    }),
    es: (p) => ({
      subject: `¿Autorizó a ${p.agentName} a pedir su información a ${p.businessName}?`,
      text: `Hola:\n\n${p.agentName} (${kindOf("es", p.agentKind)}) pidió a ${p.businessName}, en su nombre, saber qué información personal tenemos sobre usted, y nos envió un permiso que dice que usted firmó.\n\nAntes de hacer nada, díganos si usted dio ese permiso. Si lo dio, también le pediremos que confirme su identidad.\n\nConfirmar o rechazar: ${p.url}\n\nEl enlace sirve una sola vez y durante 10 días. Si no responde, no revelaremos nada a nadie.\n\nEquipo de privacidad de ${p.businessName}`,
    }),
  },
  agent_consumer_refused: {
    en: (p) => ({
      subject: `Request ${p.requestId}: the consumer did not confirm your authorization`,
      text: `The consumer told us they did not authorize you to make request ${p.requestId}, so we have denied it. No personal information has been disclosed.\n\nDetails: ${p.url}\n\n${p.businessName} privacy team`,
    }),
    es: (p) => ({
      subject: `Solicitud ${p.requestId}: el consumidor no confirmó su autorización`,
      text: `El consumidor nos dijo que no le autorizó a hacer la solicitud ${p.requestId}, por lo que la denegamos. No se ha revelado información personal.\n\nDetalles: ${p.url}\n\nEquipo de privacidad de ${p.businessName}`,
    }),
  },
} satisfies Record<string, Record<"en" | "es", Render>>;

export type AgentMailTemplate = keyof typeof AGENT_MAIL_TEMPLATES;

/** Renders an agent mail with every typed text made plain (server/mail/plain-mail-text.ts; issue 16 item 2). */
export function renderAgentMail(template: AgentMailTemplate, language: string, params: AgentMailParams): { subject: string; text: string } {
  const lang = language === "es" ? "es" : "en";
  return AGENT_MAIL_TEMPLATES[template][lang]({
    ...params,
    businessName: plainMailText(params.businessName, MAIL_TEXT_LIMITS.businessName),
    agentName: params.agentName === undefined ? undefined : plainMailText(params.agentName, MAIL_TEXT_LIMITS.agentName),
  });
}
