import type { Messages } from "./en";

// Spanish consumer-facing text. Written as plain, neutral Latin-American Spanish.
export const es: Messages = {
  common: {
    skipToContent: "Saltar al contenido principal",
    language: "Idioma",
    english: "English",
    spanish: "Español",
    privacyPolicy: "Política de privacidad",
    home: "Inicio",
    footer: "Este portal atiende solicitudes según la Ley de Privacidad del Consumidor de California (Código Civil 1798.100 y siguientes).",
  },
  landing: {
    title: "Sepa qué información personal tiene {{business}} sobre usted",
    intro:
      "Si vive en California, tiene derecho a saber qué información personal recopila {{business}} sobre usted, de dónde proviene, para qué la usamos y con quién la compartimos. También puede pedir una copia de los datos concretos.",
    start: "Iniciar una solicitud",
    whatYouGet: "Qué recibirá",
    whatYouGetItems: [
      "Las categorías de información personal que tenemos sobre usted, como identificadores, historial de compras o actividad en internet.",
      "De dónde proviene cada categoría, para qué la usamos y a quién la hemos revelado.",
      "Si pide los datos concretos y podemos verificar su identidad con un alto grado de certeza: una copia de la información misma.",
      "Un PDF fácil de leer y un archivo JSON legible por máquina que puede guardar o llevar a otro servicio.",
    ],
    howItWorks: "Cómo funciona",
    steps: [
      "Díganos qué quiere saber y cómo contactarle. No necesita una cuenta y no hay ningún costo.",
      "Confirme su correo electrónico con un código que le enviamos y responda algunas preguntas para saber que es usted.",
      "Reunimos su información de nuestros sistemas y la revisamos antes de entregarla.",
      "Usted descarga su informe aquí. Le enviamos un correo cuando esté listo.",
    ],
    timing: "Cuánto tarda",
    timingText:
      "Confirmamos su solicitud de inmediato y respondemos en un plazo de 45 días naturales. Si necesitamos más tiempo, le diremos por qué antes de que terminen los 45 días y responderemos en 90 días como máximo.",
    period: "De forma predeterminada cubrimos los 12 meses anteriores a la recepción de su solicitud. Puede pedir todo lo que hemos recopilado desde el 1 de enero de 2022.",
    agentTitle: "¿Lo pide para otra persona?",
    agentText: "Los agentes autorizados pueden presentar una solicitud en nombre de un consumidor con su permiso firmado.",
    agentLink: "Presentar como agente autorizado",
    otherWays: "También puede hacer su solicitud por correo electrónico a {{email}}.",
  },
  notFound: {
    title: "No encontramos esa página",
    text: "Es posible que la dirección esté mal escrita o que la página se haya movido.",
    back: "Ir a la página de inicio",
  },
  error: {
    title: "Algo salió mal",
    text: "No pudimos completar la acción. No se perdió nada; inténtelo de nuevo en un momento. Si sigue ocurriendo, contáctenos e indique esta referencia: {{ref}}.",
  },
};
