import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * Noto Sans from the npm package, selected by FILE PATH everywhere (`doc.font(PDF_FONTS.regular)`).
 * Never register an alias: pdfkit then re-reads and re-parses the TTF for every table cell
 * (stack-notes §3: 10,000 rows took 247 s). Noto covers Spanish accents and most scripts a data
 * value may contain; pdfkit embeds a subset of each font with a ToUnicode map.
 */
export const PDF_FONTS = {
  regular: require.resolve("@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf"),
  bold: require.resolve("@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf"),
} as const;

export type PdfFont = keyof typeof PDF_FONTS;
