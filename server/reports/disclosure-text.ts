import type { SourceStatus } from "../collection/collection-types.shared";
import type { RequestLanguage } from "../requests/request-fields.shared";

/**
 * Consumer-facing sentences shared by the JSON and the PDF, in both languages the portal serves.
 * The canonical wording (M-UNV-SP, M-LOOKBACK, M-NOMETHOD) follows ccpa-requirements.md §6; the
 * explicit negatives ("we have not sold ...") follow R24, where a blank section fails review.
 * Arguments are already formatted for the language (dates, numbers, lists).
 */
export interface DisclosureText {
  downgraded: string;
  categoriesOnly: string;
  period12Months: (start: string, end: string) => string;
  periodSince2022: (start: string, end: string) => string;
  lookback: string;
  /** `marked`: the document shows the records, each marked "No date kept". */
  undated: (count: string, one: boolean, marked: boolean) => string;
  /** Records dated before the period and still held ("Information you gave us earlier that we still keep"). */
  earlier: (count: string, one: boolean, start: string, marked: boolean) => string;
  incomplete: (sources: string) => string;
  noMethod: (dataset: string, reason: string) => string;
  nothingFound: (start: string, end: string) => string;
  notSold: string;
  notShared: string;
  notDisclosed: string;
  withheldStatement: (type: string) => string;
  withheldReason: string;
  /** A field a reviewer withheld before release ("withheld by our reviewer"), with the dataset it is in. */
  withheldByReviewStatement: (field: string, dataset: string) => string;
  sourceStatus: Record<SourceStatus, string>;
  undatedMarker: string;
  /** Beside the date of a record kept from before the period. */
  earlierMarker: string;
  yes: string;
  no: string;
}

const EN: DisclosureText = {
  downgraded:
    "We could not verify your identity to the level the law requires before we can give you copies of your personal information. For your security we have not disclosed any specific pieces of information. We have handled your request as a request for the categories of information we collect, with this result: the categories are listed in this disclosure.",
  categoriesOnly:
    "You asked for the categories of personal information we collected about you. This disclosure lists them; it does not include copies of the information itself. You can ask for the specific pieces at any time.",
  period12Months: (start, end) =>
    `This disclosure covers personal information we collected from ${start} to ${end}: the 12 months before we received your request. You can ask us for the information we collected since January 1, 2022.`,
  periodSince2022: (start, end) => `This disclosure covers personal information we collected from ${start} to ${end}, as you asked.`,
  lookback:
    "We have not included information collected before January 1, 2022, because the law gives consumers the right to know only about information collected on or after that date (Cal. Civ. Code §\u00a01798.130(a)(2)(B); 11 CCR\u00a0§\u00a07024(h)).",
  undated: (count, one, marked) =>
    `${one ? "One record comes from a system that does" : `${count} records come from systems that do`} not keep the date the information was collected. We included ${one ? "it" : "them"} because we cannot show that ${one ? "it falls" : "they fall"} outside the period.${marked ? ' Such records are marked "No date kept".' : ""}`,
  earlier: (count, one, start, marked) =>
    `Information you gave us earlier that we still keep: ${one ? "one record was" : `${count} records were`} collected before ${start}, when the period begins, and we still hold ${one ? "it" : "them"}, so ${one ? "it is" : "they are"} included${marked ? `; ${one ? "its" : "their"} date is marked "Kept from earlier"` : " in the categories below"}.`,
  incomplete: (sources) =>
    `We could not search every system that may hold information about you: ${sources}. This disclosure is therefore incomplete. We will search those systems again and send you a complete disclosure.`,
  noMethod: (dataset, reason) =>
    `We have no reasonable way to confirm that ${dataset} relates to you, because ${reason}. For that reason it is not included.`,
  nothingFound: (start, end) => `We found no personal information about you in the period covered (${start} to ${end}).`,
  notSold: "We have not sold your personal information in the period covered.",
  notShared: "We have not shared your personal information for cross-context behavioral advertising in the period covered.",
  notDisclosed: "We have not disclosed your personal information to anyone for a business purpose in the period covered.",
  withheldStatement: (type) => `We collected this type of information about you: ${type}.`,
  withheldReason:
    "For your security, the law does not allow us to give you this information itself in response to a request to know (11 CCR\u00a0§\u00a07024(d)). Instead, we tell you that we collected it.",
  withheldByReviewStatement: (field, dataset) => `Withheld by our reviewer: ${field} (${dataset}).`,
  sourceStatus: { ok: "Searched completely", failed: "Could not be searched", timed_out: "The search did not finish in time" },
  undatedMarker: "No date kept",
  earlierMarker: "Kept from earlier",
  yes: "Yes",
  no: "No",
};

const ES: DisclosureText = {
  downgraded:
    "No pudimos verificar su identidad al nivel que exige la ley para entregarle copias de su información personal. Por su seguridad, no hemos divulgado ningún dato específico. Hemos tramitado su solicitud como una solicitud de las categorías de información que recopilamos, con este resultado: las categorías figuran en este documento.",
  categoriesOnly:
    "Usted solicitó las categorías de información personal que recopilamos sobre usted. Este documento las enumera; no incluye copias de la información en sí. Puede solicitar los datos específicos en cualquier momento.",
  period12Months: (start, end) =>
    `Este documento abarca la información personal que recopilamos del ${start} al ${end}: los 12 meses anteriores a la recepción de su solicitud. Puede pedirnos la información que recopilamos desde el 1 de enero de 2022.`,
  periodSince2022: (start, end) => `Este documento abarca la información personal que recopilamos del ${start} al ${end}, según lo solicitó.`,
  lookback:
    "No hemos incluido la información recopilada antes del 1 de enero de 2022, porque la ley otorga a los consumidores el derecho a conocer solo la información recopilada a partir de esa fecha (Código Civil de California, §\u00a01798.130(a)(2)(B); 11 CCR\u00a0§\u00a07024(h)).",
  undated: (count, one, marked) =>
    `${one ? "Un registro proviene de un sistema que no guarda" : `${count} registros provienen de sistemas que no guardan`} la fecha en que se recopiló la información. ${one ? "Lo incluimos porque no podemos demostrar que quede" : "Los incluimos porque no podemos demostrar que queden"} fuera del período.${marked ? " Estos registros aparecen marcados como «Sin fecha registrada»." : ""}`,
  earlier: (count, one, start, marked) =>
    `Información que nos dio antes y que aún conservamos: ${one ? "un registro se recopiló" : `${count} registros se recopilaron`} antes del ${start}, cuando comienza el período, y ${one ? "aún lo conservamos, por lo que se incluye" : "aún los conservamos, por lo que se incluyen"}${marked ? `; su fecha aparece marcada como «Conservado de antes»` : " en las categorías que siguen"}.`,
  incomplete: (sources) =>
    `No pudimos consultar todos los sistemas que pueden contener información sobre usted: ${sources}. Por lo tanto, este documento está incompleto. Volveremos a consultar esos sistemas y le enviaremos un documento completo.`,
  noMethod: (dataset, reason) =>
    `No tenemos una forma razonable de confirmar que ${dataset} se refiere a usted, porque ${reason}. Por esa razón no se incluye.`,
  nothingFound: (start, end) => `No encontramos información personal sobre usted en el período cubierto (del ${start} al ${end}).`,
  notSold: "No hemos vendido su información personal en el período cubierto.",
  notShared: "No hemos compartido su información personal para publicidad conductual entre contextos en el período cubierto.",
  notDisclosed: "No hemos divulgado su información personal a nadie con un propósito comercial en el período cubierto.",
  withheldStatement: (type) => `Recopilamos este tipo de información sobre usted: ${type}.`,
  withheldReason:
    "Por su seguridad, la ley no nos permite entregarle esta información en respuesta a una solicitud de acceso (11 CCR\u00a0§\u00a07024(d)). En su lugar, le informamos que la recopilamos.",
  withheldByReviewStatement: (field, dataset) => `Retenido por nuestro revisor: ${field} (${dataset}).`,
  sourceStatus: { ok: "Consulta completa", failed: "No se pudo consultar", timed_out: "La consulta no terminó a tiempo" },
  undatedMarker: "Sin fecha registrada",
  earlierMarker: "Conservado de antes",
  yes: "Sí",
  no: "No",
};

export const DISCLOSURE_TEXT: Record<RequestLanguage, DisclosureText> = { en: EN, es: ES };
