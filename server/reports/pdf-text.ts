import type { RequestLanguage, RequestType } from "../requests/request-fields.shared";
import type { VerificationLevel } from "./disclosure-input";

/**
 * Fixed wording of the PDF in both languages, written for an average consumer (R33: "easy to
 * understand"). Sentences shared with the JSON (notices, statuses) live in disclosure-text.ts.
 */
export interface PdfText {
  title: (business: string) => string;
  subject: string;
  footerRequest: (id: string) => string;
  footerHash: (sha256: string) => string;
  /** Followed by the total page count. */
  pageOf: (page: number) => string;
  intro: (received: string, byAgent: boolean, type: RequestType) => string;
  contents: (withPieces: boolean) => string;
  howToRead: (withPieces: boolean) => string;
  questions: (email: string, id: string) => string;
  rights: (policyUrl: string) => string;
  signOff: (business: string) => string;
  details: { heading: string; item: string; value: string; requestId: string; asked: string; submittedBy: string; received: string; due: string; completed: string; period: string; verification: string };
  requestType: Record<RequestType, string>;
  submittedBy: { consumer: string; agent: string };
  verification: Record<VerificationLevel, string>;
  range: (start: string, end: string) => string;
  notices: string;
  reading: string;
  wrong: string;
  categories: { heading: string; intro: string; category: string; collected: string; sources: string; purposes: string; recipients: string; disclosedTo: string; soldTo: string; sharedWith: string; none: string; onlyThis: string };
  pieces: { heading: string; intro: string; none: string; record: string; date: string; information: string; value: string; dataset: (dataset: string, source: string, records: string) => string; withheld: string; clipped: (characters: string) => string };
  withheld: { heading: string; none: string; type: string; records: string; status: string; statusText: string; byReview: string; byReviewIntro: string; information: string; reason: string };
  sources: { heading: string; source: string; result: string; records: string; excluded: string; dataset: string; reason: string };
  about: { heading: string; json: (sha256: string, schemaUrl: string) => string };
}

const EN: PdfText = {
  title: (business) => `Your personal information held by ${business}`,
  subject: "Response to a California Consumer Privacy Act request to know",
  footerRequest: (id) => `Request ${id}`,
  footerHash: (sha256) => `SHA-256 of the JSON file: ${sha256}`,
  pageOf: (page) => `Page ${page} of `,
  intro: (received, byAgent, type) =>
    `On ${received}, ${byAgent ? "an authorized agent acting for you" : "you"} asked us to tell you ${type === "specific" ? "what personal information we hold about you and to give you a copy of it" : "which categories of personal information we hold about you"}. This is our answer under the California Consumer Privacy Act (Cal. Civ. Code §§\u00a01798.110 and 1798.130).`,
  contents: (withPieces) =>
    `This document has four parts. Part 1 lists the 12 categories of personal information defined by California law and, for each one, whether we collected it about you, where it came from, why we collected it and who received it. Part 2 ${withPieces ? "contains a copy of each piece of information, grouped by category and then by the system it comes from" : "explains why this document does not contain copies of the information itself"}. Part 3 names the information we hold but the law does not allow us to show you. Part 4 lists the systems we searched.`,
  howToRead: (withPieces) =>
    `${withPieces ? "Dates and times in the tables are in Coordinated Universal Time (UTC). Each record has a number (#) within its system, so you can recognize the same record when it appears under more than one category. " : ""}We also send you this information as a JSON file, a format other programs can read; the fingerprint at the bottom of every page lets you check that the file and this document belong together.`,
  questions: (email, id) => `If anything looks wrong or incomplete, or you have a question, write to ${email} and mention request ${id}.`,
  rights: (policyUrl) =>
    `You may also ask us to correct inaccurate information or to delete information, and we will not treat you differently for using your privacy rights (Cal. Civ. Code §§\u00a01798.105, 1798.106 and 1798.125). Our privacy policy describes our practices: ${policyUrl}`,
  signOff: (business) => `${business}, privacy team`,
  details: {
    heading: "Request details",
    item: "Item",
    value: "Details",
    requestId: "Request ID",
    asked: "What was asked",
    submittedBy: "Submitted by",
    received: "Received",
    due: "Response due by",
    completed: "Completed",
    period: "Period covered",
    verification: "Identity verification",
  },
  requestType: { categories: "Categories of personal information", specific: "Specific pieces of personal information" },
  submittedBy: { consumer: "You", agent: "An authorized agent acting for you" },
  verification: {
    reasonable: "Verified to a reasonable degree of certainty (categories)",
    reasonably_high: "Verified to a reasonably high degree of certainty (specific pieces)",
  },
  range: (start, end) => `${start} to ${end}`,
  notices: "Please read first",
  reading: "How to read this document",
  wrong: "If something is wrong",
  categories: {
    heading: "Part 1. Categories of personal information",
    intro:
      "California law sorts personal information into 12 categories (Cal. Civ. Code §\u00a01798.140(v)(1)). For each one, the table says whether we collected it about you in the period covered, where it came from, why we collected it, and who received it.",
    category: "Category",
    collected: "Collected",
    sources: "Where it came from",
    purposes: "Why we collected it",
    recipients: "Who received it",
    disclosedTo: "Disclosed for a business purpose to",
    soldTo: "Sold to",
    sharedWith: "Shared for cross-context behavioral advertising with",
    none: "no one",
    onlyThis: "only this information",
  },
  pieces: {
    heading: "Part 2. Specific pieces of personal information",
    intro:
      'Here is a copy of the information, grouped by category and then by the system it comes from. Information that belongs to more than one category appears under each of them. "Collected, not shown" marks information the law does not allow us to show you (see Part 3).',
    none: "We found no specific pieces of personal information about you in the period covered.",
    record: "#",
    date: "Date (UTC)",
    information: "Information",
    value: "Value",
    dataset: (dataset, source, records) => `${dataset}${source ? ` (${source})` : ""}: ${records} ${records === "1" ? "record" : "records"}`,
    withheld: "Collected, not shown (see Part 3)",
    clipped: (characters) => `(${characters} characters in all; the whole text is in the JSON file)`,
  },
  withheld: {
    heading: "Part 3. Information we hold but may not show you",
    none: "We did not collect any of the types of information that the law does not allow us to show, such as Social Security, driver's license or financial account numbers.",
    type: "Type of information",
    records: "Records",
    status: "Status",
    statusText: "Collected. Not shown, for your security.",
    byReview: "Information withheld by our reviewer",
    byReviewIntro:
      "Our reviewer left the following information out of Part 2 for the reason shown. If you think we got this wrong, reply to the contact address in this letter to ask us to reconsider.",
    information: "Information",
    reason: "Reason",
  },
  sources: {
    heading: "Part 4. Systems we searched",
    source: "System",
    result: "Result",
    records: "Records found",
    excluded: "Information we did not include",
    dataset: "Information",
    reason: "Why it is not included",
  },
  about: {
    heading: "About this document",
    json: (sha256, schemaUrl) =>
      `The JSON file sent with this document has the SHA-256 fingerprint ${sha256}. Its format is described at ${schemaUrl}.`,
  },
};

const ES: PdfText = {
  title: (business) => `Su información personal en poder de ${business}`,
  subject: "Respuesta a una solicitud de acceso conforme a la Ley de Privacidad del Consumidor de California",
  footerRequest: (id) => `Solicitud ${id}`,
  footerHash: (sha256) => `SHA-256 del archivo JSON: ${sha256}`,
  pageOf: (page) => `Página ${page} de `,
  intro: (received, byAgent, type) =>
    `El ${received}, ${byAgent ? "un agente autorizado que actúa en su nombre" : "usted"} nos pidió ${type === "specific" ? "que le informáramos qué información personal tenemos sobre usted y que le entregáramos una copia" : "que le informáramos qué categorías de información personal tenemos sobre usted"}. Esta es nuestra respuesta conforme a la Ley de Privacidad del Consumidor de California (Código Civil de California, §§\u00a01798.110 y 1798.130).`,
  contents: (withPieces) =>
    `Este documento tiene cuatro partes. La parte 1 enumera las 12 categorías de información personal que define la ley de California e indica, para cada una, si la recopilamos sobre usted, de dónde proviene, por qué la recopilamos y quién la recibió. La parte 2 ${withPieces ? "contiene una copia de cada dato, agrupada por categoría y luego por el sistema del que proviene" : "explica por qué este documento no contiene copias de la información en sí"}. La parte 3 nombra la información que tenemos pero que la ley no nos permite mostrarle. La parte 4 enumera los sistemas que consultamos.`,
  howToRead: (withPieces) =>
    `${withPieces ? "Las fechas y horas de las tablas están en tiempo universal coordinado (UTC). Cada registro tiene un número (#) dentro de su sistema, para que pueda reconocer el mismo registro cuando aparece en más de una categoría. " : ""}También le enviamos esta información como archivo JSON, un formato que otros programas pueden leer; la huella digital que aparece al pie de cada página le permite comprobar que el archivo y este documento corresponden entre sí.`,
  questions: (email, id) => `Si algo le parece incorrecto o incompleto, o tiene alguna pregunta, escriba a ${email} e indique la solicitud ${id}.`,
  rights: (policyUrl) =>
    `También puede pedirnos que corrijamos información inexacta o que eliminemos información, y no le trataremos de manera diferente por ejercer sus derechos de privacidad (Código Civil de California, §§\u00a01798.105, 1798.106 y 1798.125). Nuestra política de privacidad describe nuestras prácticas: ${policyUrl}`,
  signOff: (business) => `Equipo de privacidad de ${business}`,
  details: {
    heading: "Datos de la solicitud",
    item: "Dato",
    value: "Detalle",
    requestId: "Número de solicitud",
    asked: "Qué se solicitó",
    submittedBy: "Presentada por",
    received: "Recibida",
    due: "Fecha límite de respuesta",
    completed: "Completada",
    period: "Período cubierto",
    verification: "Verificación de identidad",
  },
  requestType: { categories: "Categorías de información personal", specific: "Datos específicos de información personal" },
  submittedBy: { consumer: "Usted", agent: "Un agente autorizado que actúa en su nombre" },
  verification: {
    reasonable: "Verificada con un grado razonable de certeza (categorías)",
    reasonably_high: "Verificada con un grado razonablemente alto de certeza (datos específicos)",
  },
  range: (start, end) => `del ${start} al ${end}`,
  notices: "Lea esto primero",
  reading: "Cómo leer este documento",
  wrong: "Si algo no está bien",
  categories: {
    heading: "Parte 1. Categorías de información personal",
    intro:
      "La ley de California clasifica la información personal en 12 categorías (Código Civil de California, §\u00a01798.140(v)(1)). Para cada una, la tabla indica si la recopilamos sobre usted en el período cubierto, de dónde proviene, por qué la recopilamos y quién la recibió.",
    category: "Categoría",
    collected: "Recopilada",
    sources: "De dónde proviene",
    purposes: "Por qué la recopilamos",
    recipients: "Quién la recibió",
    disclosedTo: "Divulgada con un propósito comercial a",
    soldTo: "Vendida a",
    sharedWith: "Compartida para publicidad conductual entre contextos con",
    none: "nadie",
    onlyThis: "solo esta información",
  },
  pieces: {
    heading: "Parte 2. Datos específicos de información personal",
    intro:
      "Esta es una copia de la información, agrupada por categoría y luego por el sistema del que proviene. La información que pertenece a más de una categoría aparece en cada una de ellas. «Recopilado, no se muestra» indica información que la ley no nos permite mostrarle (vea la parte 3).",
    none: "No encontramos datos específicos de información personal sobre usted en el período cubierto.",
    record: "#",
    date: "Fecha (UTC)",
    information: "Información",
    value: "Valor",
    dataset: (dataset, source, records) => `${dataset}${source ? ` (${source})` : ""}: ${records} ${records === "1" ? "registro" : "registros"}`,
    withheld: "Recopilado, no se muestra (vea la parte 3)",
    clipped: (characters) => `(${characters} caracteres en total; el texto completo está en el archivo JSON)`,
  },
  withheld: {
    heading: "Parte 3. Información que tenemos pero no podemos mostrarle",
    none: "No recopilamos ninguno de los tipos de información que la ley no permite mostrar, como números de Seguro Social, de licencia de conducir o de cuentas financieras.",
    type: "Tipo de información",
    records: "Registros",
    status: "Estado",
    statusText: "Recopilada. No se muestra, por su seguridad.",
    byReview: "Información retenida por nuestro revisor",
    byReviewIntro:
      "Nuestro revisor excluyó de la parte 2 la siguiente información, por el motivo indicado. Si cree que nos equivocamos, responda a la dirección de contacto de esta carta para pedirnos que lo reconsideremos.",
    information: "Información",
    reason: "Motivo",
  },
  sources: {
    heading: "Parte 4. Sistemas que consultamos",
    source: "Sistema",
    result: "Resultado",
    records: "Registros encontrados",
    excluded: "Información que no incluimos",
    dataset: "Información",
    reason: "Por qué no se incluye",
  },
  about: {
    heading: "Acerca de este documento",
    json: (sha256, schemaUrl) =>
      `El archivo JSON que acompaña a este documento tiene la huella digital SHA-256 ${sha256}. Su formato se describe en ${schemaUrl}.`,
  },
};

export const PDF_TEXT: Record<RequestLanguage, PdfText> = { en: EN, es: ES };
