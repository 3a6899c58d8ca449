import type { LocalizedText } from "../categories/ccpa-categories.shared";

/**
 * The built-in vocabulary a data map refers to by code. A map may add codes of its own in its
 * `catalog` section (never redefine these). Labels are what the consumer reads, so they describe
 * types of sources and recipients "with enough particularity to give a meaningful understanding"
 * (11 CCR 7001(e)-(f)) and name the recipient's role (service provider, contractor, third party).
 */
export interface CatalogEntry {
  code: string;
  label: LocalizedText;
}

/**
 * person: a row found by it is about the person. group: it names something the person belongs to
 * (a company workspace, an audience segment); rows found by it describe the group, so a dataset
 * looked up by a group identifier may not yield person identifiers, or the graph would walk into
 * colleagues' records (1798.145(k): no disclosure of another natural person's information).
 */
/**
 * record: it names one record of the business (an invoice, an order, a support thread) whose parts
 * other tables hold (lines, messages). Rows found by it are the person's, like person rows; but
 * the parts of a record belong to the record's time, so the identity graph passes a record
 * identifier along only from rows inside the period, where the dataset that yields it is dated
 * (ADR 025). A person identifier is passed along whenever it was linked: a cookie linked three
 * years ago still marks this year's visits as the person's.
 */
export type IdentifierScope = "person" | "group" | "record";

export interface IdentifierEntry extends CatalogEntry {
  scope: IdentifierScope;
}

const t = (en: string, es: string): LocalizedText => ({ en, es });

export const BUILTIN_IDENTIFIERS: readonly IdentifierEntry[] = [
  { code: "email", scope: "person", label: t("E-mail address", "Dirección de correo electrónico") },
  { code: "phone", scope: "person", label: t("Telephone number", "Número de teléfono") },
  { code: "customer_number", scope: "person", label: t("Customer number", "Número de cliente") },
  { code: "user_id", scope: "person", label: t("User account ID", "ID de cuenta de usuario") },
  { code: "lead_id", scope: "person", label: t("Marketing contact ID", "ID de contacto de marketing") },
  { code: "device_id", scope: "person", label: t("Device ID", "ID de dispositivo") },
  { code: "cookie_id", scope: "person", label: t("Cookie ID", "ID de cookie") },
  { code: "advertising_id", scope: "person", label: t("Mobile advertising ID", "ID de publicidad móvil") },
  { code: "account_id", scope: "group", label: t("Company account ID", "ID de cuenta de la empresa") },
];

/** Categories of sources, 11 CCR 7001(e). */
export const BUILTIN_SOURCE_CATEGORIES: readonly CatalogEntry[] = [
  { code: "consumer", label: t("Directly from you", "Directamente de usted") },
  { code: "consumer_devices", label: t("Automatically from your browser and devices", "Automáticamente de su navegador y dispositivos") },
  { code: "customer_organization", label: t("From your employer or organization, when it uses our services", "De su empleador u organización, cuando usa nuestros servicios") },
  { code: "service_providers", label: t("From our service providers", "De nuestros proveedores de servicios") },
  { code: "advertising_networks", label: t("From advertising networks", "De redes publicitarias") },
  { code: "data_analytics_providers", label: t("From data analytics providers", "De proveedores de análisis de datos") },
  { code: "data_brokers", label: t("From data brokers", "De corredores de datos") },
  { code: "social_networks", label: t("From social networks", "De redes sociales") },
  { code: "operating_systems_platforms", label: t("From operating systems and platforms", "De sistemas operativos y plataformas") },
  { code: "government_entities", label: t("From government entities", "De entidades gubernamentales") },
  { code: "inferred", label: t("Inferred by us from other information we hold", "Inferida por nosotros a partir de otra información que tenemos") },
];

/** Business purposes, Civ. Code 1798.140(e)(1)-(8), plus common commercial purposes. */
export const BUILTIN_PURPOSES: readonly CatalogEntry[] = [
  { code: "auditing", label: t("Auditing our interactions with you, such as counting ad impressions", "Auditar nuestras interacciones con usted, como contar impresiones de anuncios") },
  { code: "security", label: t("Keeping our services and premises secure and preventing fraud", "Mantener seguros nuestros servicios e instalaciones y prevenir el fraude") },
  { code: "debugging", label: t("Finding and fixing errors", "Encontrar y corregir errores") },
  { code: "short_term_use", label: t("Short-term, transient use during one interaction", "Uso breve y transitorio durante una interacción") },
  {
    code: "performing_services",
    label: t(
      "Providing our services: accounts, customer service, orders, payments, analytics and storage",
      "Prestar nuestros servicios: cuentas, atención al cliente, pedidos, pagos, análisis y almacenamiento",
    ),
  },
  { code: "advertising_marketing", label: t("Advertising and marketing, other than cross-context behavioral advertising", "Publicidad y marketing, salvo publicidad conductual entre contextos") },
  { code: "internal_research", label: t("Internal research to develop our technology", "Investigación interna para desarrollar nuestra tecnología") },
  { code: "quality_safety", label: t("Maintaining and improving the quality and safety of our services", "Mantener y mejorar la calidad y seguridad de nuestros servicios") },
  { code: "cross_context_advertising", label: t("Cross-context behavioral advertising (ads based on your activity elsewhere)", "Publicidad conductual entre contextos (anuncios basados en su actividad en otros sitios)") },
  { code: "legal_compliance", label: t("Complying with the law and legal requests", "Cumplir la ley y los requerimientos legales") },
];

/** Categories of third parties and other recipients, 11 CCR 7001(f); the role is part of the label (R27). */
export const BUILTIN_RECIPIENTS: readonly CatalogEntry[] = [
  { code: "cloud_hosting", label: t("Cloud hosting and storage providers (service providers)", "Proveedores de alojamiento y almacenamiento en la nube (proveedores de servicios)") },
  { code: "payment_processors", label: t("Payment processors (service providers)", "Procesadores de pagos (proveedores de servicios)") },
  { code: "analytics_providers", label: t("Data analytics providers (service providers)", "Proveedores de análisis de datos (proveedores de servicios)") },
  { code: "email_service_providers", label: t("E-mail delivery providers (service providers)", "Proveedores de envío de correo electrónico (proveedores de servicios)") },
  { code: "customer_support_tools", label: t("Customer support software providers (service providers)", "Proveedores de software de atención al cliente (proveedores de servicios)") },
  { code: "crm_providers", label: t("Customer relationship management software providers (service providers)", "Proveedores de software de gestión de clientes (proveedores de servicios)") },
  { code: "security_providers", label: t("Security and fraud-prevention providers (service providers)", "Proveedores de seguridad y prevención del fraude (proveedores de servicios)") },
  { code: "professional_advisors", label: t("Professional advisors such as lawyers, auditors and insurers (contractors)", "Asesores profesionales como abogados, auditores y aseguradoras (contratistas)") },
  { code: "affiliates", label: t("Companies in our corporate group", "Empresas de nuestro grupo corporativo") },
  { code: "government_authorities", label: t("Government authorities, when the law requires it", "Autoridades gubernamentales, cuando la ley lo exige") },
  { code: "advertising_networks", label: t("Advertising networks (third parties)", "Redes publicitarias (terceros)") },
  { code: "data_brokers", label: t("Data brokers (third parties)", "Corredores de datos (terceros)") },
  { code: "social_networks", label: t("Social networks (third parties)", "Redes sociales (terceros)") },
  { code: "credit_reporting_agencies", label: t("Business credit reporting agencies (third parties)", "Agencias de informes de crédito comercial (terceros)") },
];
