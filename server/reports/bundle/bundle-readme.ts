import type { RequestLanguage } from "../../requests/request-fields.shared";

export interface ReadmeEntry {
  name: string;
  sha256: string;
  bytes: number;
}

export interface ReadmeInput {
  language: RequestLanguage;
  businessName: string;
  requestId: string;
  period: { start: string; end: string };
  entries: readonly ReadmeEntry[];
  /** Stored files named in the documents that could not be copied (gone or changed since collection). */
  notIncluded: readonly string[];
}

const TEXT = {
  en: {
    title: (business: string) => `Your personal information from ${business}`,
    request: (id: string, start: string, end: string) => `Request ${id}, covering ${start} to ${end}.`,
    parts: [
      "disclosure.pdf   The disclosure to read and print.",
      "disclosure.json  The same disclosure, machine-readable (docs: schema at the URL in its $schema).",
      "csv/             One table per dataset (UTF-8, comma-separated). \"withheld\" marks information",
      "                 we hold but may not show, such as an ID or account number (11 CCR 7024(d)).",
      "                 A text that starts with = + - or @ begins with ' so that spreadsheet programs",
      "                 show it as text and never run it; the JSON file holds it exactly.",
      "files/           Stored files, such as images, named by dataset and record.",
    ],
    checksums: "SHA-256 checksums of every other file in this ZIP. To check them, save the lines below in a file and run `sha256sum -c` on it in the unpacked folder:",
    missing: "Named in the disclosure but not included (missing or changed since your information was collected):",
  },
  es: {
    title: (business: string) => `Su información personal de ${business}`,
    request: (id: string, start: string, end: string) => `Solicitud ${id}, del ${start} al ${end}.`,
    parts: [
      "disclosure.pdf   La divulgación para leer e imprimir.",
      "disclosure.json  La misma divulgación, legible por máquina (esquema en la URL de su $schema).",
      "csv/             Una tabla por conjunto de datos (UTF-8, separada por comas). \"retenido\" marca",
      "                 información que tenemos pero no podemos mostrar, como un número de identificación (11 CCR 7024(d)).",
      "                 Un texto que empieza por = + - o @ lleva delante ' para que las hojas de cálculo",
      "                 lo muestren como texto y nunca lo ejecuten; el archivo JSON lo guarda tal cual.",
      "files/           Archivos guardados, como imágenes, nombrados por conjunto de datos y registro.",
    ],
    checksums: "Sumas SHA-256 de todos los demás archivos de este ZIP. Para comprobarlas, guarde las líneas siguientes en un archivo y ejecute `sha256sum -c` con él en la carpeta descomprimida:",
    missing: "Mencionados en la divulgación pero no incluidos (no encontrados o modificados desde la recopilación):",
  },
} as const;

/** README.txt, the bundle's last entry: what each part is and the SHA-256 of every other entry (sha256sum format). */
export function buildBundleReadme(input: ReadmeInput): string {
  const t = TEXT[input.language];
  const lines = [t.title(input.businessName), t.request(input.requestId, input.period.start, input.period.end), "", ...t.parts, "", t.checksums, ""];
  for (const entry of input.entries) lines.push(`${entry.sha256}  ${entry.name}`);
  if (input.notIncluded.length > 0) lines.push("", t.missing, ...input.notIncluded.map((n) => `  ${n}`));
  return `${lines.join("\r\n")}\r\n`;
}
