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
  reason?: string;
  newDueDate?: string;
}

type Template = (p: MailParams) => { subject: string; text: string };

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
  request_received: {
    en: (p) => ({
      subject: `We received your request (${p.requestId})`,
      text: `Hello ${p.name},\n\nWe received your request to know on ${p.receiptDate}. Your request number is ${p.requestId}.\n\nWhat happens next: confirm your identity on the request page if you have not finished yet. We will answer by ${p.dueDate} at the latest, and we will e-mail you when your disclosure is ready.\n\nFollow your request: ${p.statusUrl}\n\n${p.businessName} privacy team`,
    }),
    es: (p) => ({
      subject: `Recibimos su solicitud (${p.requestId})`,
      text: `Hola ${p.name}:\n\nRecibimos su solicitud de información el ${p.receiptDate}. Su número de solicitud es ${p.requestId}.\n\nQué sigue: confirme su identidad en la página de la solicitud si aún no lo ha hecho. Responderemos a más tardar el ${p.dueDate} y le avisaremos por correo cuando su informe esté listo.\n\nSiga su solicitud: ${p.statusUrl}\n\nEquipo de privacidad de ${p.businessName}`,
    }),
  },
  request_extended: {
    en: (p) => ({
      subject: `We need more time for your request (${p.requestId})`,
      text: `Hello ${p.name},\n\nWe need more time to respond, because ${p.reason}. We will respond by ${p.newDueDate}, which is no later than 90 days after we received your request on ${p.receiptDate}.\n\nFollow your request: ${p.statusUrl}\n\n${p.businessName} privacy team`,
    }),
    es: (p) => ({
      subject: `Necesitamos más tiempo para su solicitud (${p.requestId})`,
      text: `Hola ${p.name}:\n\nNecesitamos más tiempo para responder, porque ${p.reason}. Responderemos a más tardar el ${p.newDueDate}, dentro de los 90 días posteriores a la recepción de su solicitud el ${p.receiptDate}.\n\nSiga su solicitud: ${p.statusUrl}\n\nEquipo de privacidad de ${p.businessName}`,
    }),
  },
  request_denied_unverified: {
    en: (p) => ({
      subject: `We could not verify your identity (${p.requestId})`,
      text: `Hello ${p.name},\n\nWe could not verify your identity, so we cannot give you a personalized answer. Our general practices are described in our privacy policy: ${p.privacyPolicyUrl}\n\nYou can make a new request at any time.\n\n${p.businessName} privacy team`,
    }),
    es: (p) => ({
      subject: `No pudimos verificar su identidad (${p.requestId})`,
      text: `Hola ${p.name}:\n\nNo pudimos verificar su identidad, por lo que no podemos darle una respuesta personalizada. Nuestras prácticas generales se describen en nuestra política de privacidad: ${p.privacyPolicyUrl}\n\nPuede hacer una nueva solicitud en cualquier momento.\n\nEquipo de privacidad de ${p.businessName}`,
    }),
  },
  request_denied: {
    en: (p) => ({
      subject: `Our answer to your request (${p.requestId})`,
      text: `Hello ${p.name},\n\nWe are not able to fulfil your request, because ${p.reason}. If you think we got this wrong, reply to this message to ask us to reconsider.\n\nOur privacy policy: ${p.privacyPolicyUrl}\n\n${p.businessName} privacy team`,
    }),
    es: (p) => ({
      subject: `Nuestra respuesta a su solicitud (${p.requestId})`,
      text: `Hola ${p.name}:\n\nNo podemos atender su solicitud, porque ${p.reason}. Si cree que nos equivocamos, responda a este mensaje para pedirnos que lo reconsideremos.\n\nNuestra política de privacidad: ${p.privacyPolicyUrl}\n\nEquipo de privacidad de ${p.businessName}`,
    }),
  },
  report_ready: {
    en: (p) => ({
      subject: `Your disclosure is ready (${p.requestId})`,
      text: `Hello ${p.name},\n\nYour disclosure is ready. Sign in on the request page with a code we send to this address to download it as PDF and JSON:\n${p.statusUrl}\n\nFor your security the files are not attached to this e-mail.\n\n${p.businessName} privacy team`,
    }),
    es: (p) => ({
      subject: `Su informe está listo (${p.requestId})`,
      text: `Hola ${p.name}:\n\nSu informe está listo. Ingrese en la página de la solicitud con un código que enviaremos a esta dirección para descargarlo en PDF y JSON:\n${p.statusUrl}\n\nPor su seguridad, los archivos no se adjuntan a este correo.\n\nEquipo de privacidad de ${p.businessName}`,
    }),
  },
} satisfies Record<string, Record<MailLanguage, Template>>;

export type MailTemplateName = keyof typeof MAIL_TEMPLATES;

export function renderMail(template: MailTemplateName, language: string, params: MailParams): { subject: string; text: string } {
  const lang: MailLanguage = language === "es" ? "es" : "en";
  return MAIL_TEMPLATES[template][lang](params);
}
