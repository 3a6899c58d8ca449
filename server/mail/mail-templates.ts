import { plainMailText } from "./plain-mail-text";

/**
 * Consumer mail in plain English and Spanish (11 CCR 7003). Each template receives only what it
 * prints; no template includes collected personal information: the disclosure is downloaded from
 * the portal after signing in, never attached (11 CCR 7024(f): reasonable security in transit).
 */
export type MailLanguage = "en" | "es";

export interface MailParams {
  name: string;
  requestId: string;
  receiptDate: string;
  dueDate: string;
  statusUrl: string;
  businessName: string;
  privacyPolicyUrl: string;
  code?: string;
  /** Our own phrase completing "because …" (a denial code's text). */
  reason?: string;
  /** A staff member's written reason, printed as a quoted block (extension, denial "other"). */
  reasonQuote?: string;
  newDueDate?: string;
  /** Receipt of an agent's request: the agent's registered name and proof of authority (11 CCR 7063). */
  agentName?: string;
  agentAuthority?: "signed_permission" | "power_of_attorney";
}

type Template = (p: MailParams) => { subject: string; text: string };

// Without a name (the address was never proven, so the form's text is not printed): a plain greeting.
const hello = (name: string): string => (name ? `Hello ${name},` : "Hello,");
const hola = (name: string): string => (name ? `Hola ${name}:` : "Hola:");

/** Longest printed form of each typed text: a real name fits, a 10 KB "name" does not fill a mail. */
export const MAIL_TEXT_LIMITS = { name: 100, agentName: 100, businessName: 120, reason: 600 } as const;

/** "> " before every line: mail clients show it as a quotation, set apart from our own sentences. */
function quoted(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `> ${line}`.trimEnd())
    .join("\n");
}

/** "<lead>, because <phrase>. " or "<lead>. <label>\n\n> <staff text>\n\n" (issue 17.4). */
function withReason(lead: string, label: string, p: MailParams): string {
  return p.reasonQuote ? `${lead}. ${label}\n\n${quoted(p.reasonQuote)}\n\n` : `${lead}, because ${p.reason}. `;
}

function withReasonEs(lead: string, label: string, p: MailParams): string {
  return p.reasonQuote ? `${lead}. ${label}\n\n${quoted(p.reasonQuote)}\n\n` : `${lead}, porque ${p.reason}. `;
}

export const MAIL_TEMPLATES = {
  verification_code: {
    en: (p) => ({
      subject: `Your ${p.businessName} verification code`,
      text: `Your one-time code is ${p.code}.\n\nIt works once and expires in 10 minutes. If you did not ask for it, you can ignore this message; nothing happens without the code.`,
    }),
    es: (p) => ({
      subject: `Su código de verificación de ${p.businessName}`,
      text: `Su código de un solo uso es ${p.code}.\n\nSirve una sola vez y vence en 10 minutos. Si no lo pidió, puede ignorar este mensaje; no pasa nada sin el código.`,
    }),
  },
  // 11 CCR 7021(a) (R7): the receipt says how the request will be processed. For an agent's request
  // that means naming the agent and, with a signed permission, sending the consumer to the separate
  // "did you authorize" mail first (7063(a)(2)); a power of attorney asks nothing of them (7063(b)).
  request_received: {
    en: (p) => {
      if (p.agentName && p.agentAuthority === "signed_permission") {
        return {
          subject: `We received a request ${p.agentName} made for you (${p.requestId})`,
          text: `${hello(p.name)}\n\nOn ${p.receiptDate} we received a request to know what personal information we hold about you. It was made for you by ${p.agentName}, who says you authorized them to act for you. Your request number is ${p.requestId}.\n\nWhat happens next: first, answer the separate e-mail we sent you asking "Did you authorize ${p.agentName} to ask ${p.businessName} for your information?". Until you answer it, we do not go on with this request and disclose nothing. If you confirm, we will then ask you to confirm your identity. We will answer by ${p.dueDate} at the latest. We may need more time: if so, we will tell you why before that date, and we may extend once, by up to 45 more days.\n\nFollow your request: ${p.statusUrl}\n\n${p.businessName} privacy team`,
        };
      }
      if (p.agentName && p.agentAuthority === "power_of_attorney") {
        return {
          subject: `We received a request ${p.agentName} made for you (${p.requestId})`,
          text: `${hello(p.name)}\n\nOn ${p.receiptDate} we received a request to know what personal information we hold about you. It was made for you by ${p.agentName}, who holds a power of attorney for you. Your request number is ${p.requestId}.\n\nWhat happens next: nothing is needed from you. With a power of attorney we do not ask you to confirm the agent or your identity; our privacy team checks the document. We will answer by ${p.dueDate} at the latest, and we will e-mail you when your disclosure is ready. We may need more time: if so, we will tell you why before that date, and we may extend once, by up to 45 more days.\n\nFollow your request: ${p.statusUrl}\n\n${p.businessName} privacy team`,
        };
      }
      return {
        subject: `We received your request (${p.requestId})`,
        text: `${hello(p.name)}\n\nWe received your request to know on ${p.receiptDate}. Your request number is ${p.requestId}.\n\nWhat happens next: confirm your identity on the request page if you have not finished yet. We will answer by ${p.dueDate} at the latest, and we will e-mail you when your disclosure is ready. We may need more time: if so, we will tell you why before that date, and we may extend once, by up to 45 more days.\n\nFollow your request: ${p.statusUrl}\n\n${p.businessName} privacy team`,
      };
    },
    es: (p) => {
      if (p.agentName && p.agentAuthority === "signed_permission") {
        return {
          subject: `Recibimos una solicitud que ${p.agentName} hizo en su nombre (${p.requestId})`,
          text: `${hola(p.name)}\n\nEl ${p.receiptDate} recibimos una solicitud para saber qué información personal tenemos sobre usted. La hizo en su nombre ${p.agentName}, que dice que usted le autorizó a actuar por usted. Su número de solicitud es ${p.requestId}.\n\nQué sigue: primero, responda el correo aparte que le enviamos con la pregunta "¿Autorizó a ${p.agentName} a pedir su información a ${p.businessName}?". Hasta que lo responda, no seguimos con esta solicitud y no revelamos nada. Si lo confirma, después le pediremos que confirme su identidad. Responderemos a más tardar el ${p.dueDate}. Si necesitamos más tiempo, se lo diremos con el motivo antes de esa fecha; podemos prorrogar el plazo una sola vez, hasta 45 días más.\n\nSiga su solicitud: ${p.statusUrl}\n\nEquipo de privacidad de ${p.businessName}`,
        };
      }
      if (p.agentName && p.agentAuthority === "power_of_attorney") {
        return {
          subject: `Recibimos una solicitud que ${p.agentName} hizo en su nombre (${p.requestId})`,
          text: `${hola(p.name)}\n\nEl ${p.receiptDate} recibimos una solicitud para saber qué información personal tenemos sobre usted. La hizo en su nombre ${p.agentName}, que tiene un poder notarial suyo. Su número de solicitud es ${p.requestId}.\n\nQué sigue: usted no tiene que hacer nada. Con un poder notarial no le pedimos que confirme al agente ni su identidad; nuestro equipo de privacidad revisa el documento. Responderemos a más tardar el ${p.dueDate} y le avisaremos por correo cuando su informe esté listo. Si necesitamos más tiempo, se lo diremos con el motivo antes de esa fecha; podemos prorrogar el plazo una sola vez, hasta 45 días más.\n\nSiga su solicitud: ${p.statusUrl}\n\nEquipo de privacidad de ${p.businessName}`,
        };
      }
      return {
        subject: `Recibimos su solicitud (${p.requestId})`,
        text: `${hola(p.name)}\n\nRecibimos su solicitud de información el ${p.receiptDate}. Su número de solicitud es ${p.requestId}.\n\nQué sigue: confirme su identidad en la página de la solicitud si aún no lo ha hecho. Responderemos a más tardar el ${p.dueDate} y le avisaremos por correo cuando su informe esté listo. Si necesitamos más tiempo, se lo diremos con el motivo antes de esa fecha; podemos prorrogar el plazo una sola vez, hasta 45 días más.\n\nSiga su solicitud: ${p.statusUrl}\n\nEquipo de privacidad de ${p.businessName}`,
      };
    },
  },
  request_extended: {
    en: (p) => ({
      subject: `We need more time for your request (${p.requestId})`,
      text: `${hello(p.name)}\n\n${withReason("We need more time to respond", "Our reason:", p)}We will respond by ${p.newDueDate}, which is no later than 90 days after we received your request on ${p.receiptDate}.\n\nFollow your request: ${p.statusUrl}\n\n${p.businessName} privacy team`,
    }),
    es: (p) => ({
      subject: `Necesitamos más tiempo para su solicitud (${p.requestId})`,
      text: `${hola(p.name)}\n\n${withReasonEs("Necesitamos más tiempo para responder", "Nuestra razón:", p)}Responderemos a más tardar el ${p.newDueDate}, dentro de los 90 días posteriores a la recepción de su solicitud el ${p.receiptDate}.\n\nSiga su solicitud: ${p.statusUrl}\n\nEquipo de privacidad de ${p.businessName}`,
    }),
  },
  request_denied_unverified: {
    en: (p) => ({
      subject: `We could not verify your identity (${p.requestId})`,
      text: `${hello(p.name)}\n\nWe could not verify your identity, so we cannot give you a personalized answer. Our general practices are described in our privacy policy: ${p.privacyPolicyUrl}\n\nYou can make a new request at any time.\n\n${p.businessName} privacy team`,
    }),
    es: (p) => ({
      subject: `No pudimos verificar su identidad (${p.requestId})`,
      text: `${hola(p.name)}\n\nNo pudimos verificar su identidad, por lo que no podemos darle una respuesta personalizada. Nuestras prácticas generales se describen en nuestra política de privacidad: ${p.privacyPolicyUrl}\n\nPuede hacer una nueva solicitud en cualquier momento.\n\nEquipo de privacidad de ${p.businessName}`,
    }),
  },
  request_denied: {
    en: (p) => ({
      subject: `Our answer to your request (${p.requestId})`,
      text: `${hello(p.name)}\n\n${withReason("We are not able to fulfil your request", "Our reason:", p)}If you think we got this wrong, reply to this message to ask us to reconsider.\n\nOur privacy policy: ${p.privacyPolicyUrl}\n\n${p.businessName} privacy team`,
    }),
    es: (p) => ({
      subject: `Nuestra respuesta a su solicitud (${p.requestId})`,
      text: `${hola(p.name)}\n\n${withReasonEs("No podemos atender su solicitud", "Nuestra razón:", p)}Si cree que nos equivocamos, responda a este mensaje para pedirnos que lo reconsideremos.\n\nNuestra política de privacidad: ${p.privacyPolicyUrl}\n\nEquipo de privacidad de ${p.businessName}`,
    }),
  },
  report_ready: {
    en: (p) => ({
      subject: `Your disclosure is ready (${p.requestId})`,
      text: `${hello(p.name)}\n\nYour disclosure is ready. Sign in on the request page with a code we send to this address to download it as PDF and JSON:\n${p.statusUrl}\n\nFor your security the files are not attached to this e-mail.\n\n${p.businessName} privacy team`,
    }),
    es: (p) => ({
      subject: `Su informe está listo (${p.requestId})`,
      text: `${hola(p.name)}\n\nSu informe está listo. Ingrese en la página de la solicitud con un código que enviaremos a esta dirección para descargarlo en PDF y JSON:\n${p.statusUrl}\n\nPor su seguridad, los archivos no se adjuntan a este correo.\n\nEquipo de privacidad de ${p.businessName}`,
    }),
  },
} satisfies Record<string, Record<MailLanguage, Template>>;

export type MailTemplateName = keyof typeof MAIL_TEMPLATES;

/** Calendar dates the way the pages write them ("March 2, 2026" | "2 de marzo de 2026"); days, so UTC. */
const MAIL_DATES: Record<MailLanguage, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }),
  es: new Intl.DateTimeFormat("es-US", { dateStyle: "long", timeZone: "UTC" }),
};

function mailDate(date: string, lang: MailLanguage): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? MAIL_DATES[lang].format(new Date(`${date}T12:00:00Z`)) : date;
}

/**
 * Renders a consumer mail. Every typed text in it (the name, an agent's name, a staff reason, the
 * business name) goes through plainMailText first: one line, no control or direction characters,
 * never a link, length-capped (issue 16 item 2). Ids, dates and our own URLs are ours; dates are
 * written the way the pages write them.
 */
export function renderMail(template: MailTemplateName, language: string, params: MailParams): { subject: string; text: string } {
  const lang: MailLanguage = language === "es" ? "es" : "en";
  return MAIL_TEMPLATES[template][lang]({
    ...params,
    receiptDate: mailDate(params.receiptDate, lang),
    dueDate: mailDate(params.dueDate, lang),
    ...(params.newDueDate ? { newDueDate: mailDate(params.newDueDate, lang) } : {}),
    name: plainMailText(params.name, MAIL_TEXT_LIMITS.name),
    businessName: plainMailText(params.businessName, MAIL_TEXT_LIMITS.businessName),
    agentName: params.agentName === undefined ? undefined : plainMailText(params.agentName, MAIL_TEXT_LIMITS.agentName),
    reason: params.reason === undefined ? undefined : plainMailText(params.reason, MAIL_TEXT_LIMITS.reason),
    // A staff reason keeps its lines (it is quoted line by line); each line is made plain the same way.
    reasonQuote:
      params.reasonQuote === undefined
        ? undefined
        : params.reasonQuote
            .split(/\r?\n/)
            .slice(0, 20)
            .map((line) => plainMailText(line, MAIL_TEXT_LIMITS.reason))
            .join("\n")
            .trim(),
  });
}
