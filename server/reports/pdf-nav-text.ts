import type { RequestLanguage } from "../requests/request-fields.shared";

/**
 * Wording of the PDF's navigation (contents, running heads) and of the summary of a dataset too
 * big to list (ADR 032), in both languages. Kept apart from pdf-text.ts so the two grow separately.
 */
export interface PdfNavText {
  contents: string;
  /** After a dataset's name in the running head of the pages its table continues on. */
  continued: string;
  summary: {
    /** Why the dataset is summarised, and where the complete list is (the same download). */
    intro: (records: string, first: string | null, last: string | null, recent: string) => string;
    undated: (records: string) => string;
    valuesHeading: string;
    information: string;
    value: string;
    records: string;
    manyValues: string;
    recentHeading: (records: string) => string;
  };
}

const EN: PdfNavText = {
  contents: "Contents",
  continued: "(continued)",
  summary: {
    intro: (records, first, last, recent) =>
      `This system holds ${records} records about you${first && last ? `, dated from ${first} to ${last}` : ""}. That is too many to list here in a way you could read, so this document shows how often each value appears and the ${recent} most recent records in full. The complete list, every record with every piece of information, is in the JSON file and in the CSV files of the same download.`,
    undated: (records) => `${records} of these records have no date kept.`,
    valuesHeading: "How often each value appears",
    information: "Information",
    value: "Value",
    records: "Records",
    manyValues: "Many different values (see the JSON and CSV files)",
    recentHeading: (records) => `The ${records} most recent records`,
  },
};

const ES: PdfNavText = {
  contents: "Índice",
  continued: "(continuación)",
  summary: {
    intro: (records, first, last, recent) =>
      `Este sistema guarda ${records} registros sobre usted${first && last ? `, con fechas del ${first} al ${last}` : ""}. Son demasiados para enumerarlos aquí de forma legible, así que este documento muestra cuántas veces aparece cada valor y los ${recent} registros más recientes completos. La lista completa, cada registro con cada dato, está en el archivo JSON y en los archivos CSV de la misma descarga.`,
    undated: (records) => `${records} de estos registros no tienen fecha guardada.`,
    valuesHeading: "Cuántas veces aparece cada valor",
    information: "Información",
    value: "Valor",
    records: "Registros",
    manyValues: "Muchos valores distintos (vea los archivos JSON y CSV)",
    recentHeading: (records) => `Los ${records} registros más recientes`,
  },
};

export const PDF_NAV_TEXT: Record<RequestLanguage, PdfNavText> = { en: EN, es: ES };
