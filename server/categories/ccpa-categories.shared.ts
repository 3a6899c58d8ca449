/**
 * The statutory categories of personal information, Civ. Code 1798.140(v)(1)(A)-(L), and the
 * types of values the business must never disclose as specific pieces, 11 CCR 7024(d). Shared by
 * the data map validator, the collector, the disclosure documents and the UI.
 */
export const CATEGORY_CODES = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"] as const;
export type CategoryCode = (typeof CATEGORY_CODES)[number];

export interface LocalizedText {
  en: string;
  es: string;
}

export const CATEGORY_LABELS: Record<CategoryCode, LocalizedText> = {
  A: { en: "Identifiers", es: "Identificadores" },
  B: {
    en: "Personal information categories listed in the California Customer Records statute",
    es: "Categorías de información personal de la ley de registros de clientes de California",
  },
  C: {
    en: "Characteristics of protected classifications under California or federal law",
    es: "Características de clasificaciones protegidas por la ley de California o federal",
  },
  D: { en: "Commercial information", es: "Información comercial" },
  E: { en: "Biometric information", es: "Información biométrica" },
  F: { en: "Internet or other electronic network activity information", es: "Actividad en internet u otras redes electrónicas" },
  G: { en: "Geolocation data", es: "Datos de geolocalización" },
  H: { en: "Audio, electronic, visual, thermal, olfactory, or similar information", es: "Información de audio, electrónica, visual, térmica, olfativa o similar" },
  I: { en: "Professional or employment-related information", es: "Información profesional o laboral" },
  J: { en: "Education information", es: "Información educativa" },
  K: { en: "Inferences drawn to create a profile", es: "Inferencias usadas para crear un perfil" },
  L: { en: "Sensitive personal information", es: "Información personal sensible" },
};

/** 11 CCR 7024(d): never disclosed, but the business must say it collected the type. */
export const NEVER_DISCLOSE_TYPES = [
  "ssn",
  "drivers_license",
  "state_id",
  "passport",
  "government_id",
  "financial_account",
  "card_number",
  "health_insurance_id",
  "medical_id",
  "password",
  "security_question",
  "security_answer",
  "biometric",
] as const;
export type NeverDiscloseType = (typeof NEVER_DISCLOSE_TYPES)[number];

export const NEVER_DISCLOSE_LABELS: Record<NeverDiscloseType, LocalizedText> = {
  ssn: { en: "Social Security number", es: "Número de Seguro Social" },
  drivers_license: { en: "Driver's license number", es: "Número de licencia de conducir" },
  state_id: { en: "State identification card number", es: "Número de tarjeta de identificación estatal" },
  passport: { en: "Passport number", es: "Número de pasaporte" },
  government_id: { en: "Other government-issued identification number", es: "Otro número de identificación oficial" },
  financial_account: { en: "Financial account number", es: "Número de cuenta financiera" },
  card_number: { en: "Debit or credit card number", es: "Número de tarjeta de débito o crédito" },
  health_insurance_id: { en: "Health insurance identification number", es: "Número de identificación del seguro médico" },
  medical_id: { en: "Medical identification number", es: "Número de identificación médica" },
  password: { en: "Account password", es: "Contraseña de la cuenta" },
  security_question: { en: "Security question", es: "Pregunta de seguridad" },
  security_answer: { en: "Security question answer", es: "Respuesta a la pregunta de seguridad" },
  biometric: { en: "Unique biometric data", es: "Datos biométricos únicos" },
};
