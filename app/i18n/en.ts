// English consumer-facing text. Plain language first (11 CCR 7003: easy to read and understandable).
export const en = {
  common: {
    skipToContent: "Skip to main content",
    language: "Language",
    english: "English",
    spanish: "Español",
    privacyPolicy: "Privacy policy",
    home: "Home",
    footer: "This portal handles requests under the California Consumer Privacy Act (Civil Code 1798.100 and following).",
  },
  landing: {
    title: "Find out what personal information {{business}} has about you",
    intro:
      "If you live in California, you have the right to know what personal information {{business}} collects about you, where it comes from, why we use it, and who we share it with. You can also ask for a copy of the specific pieces of information.",
    start: "Start a request",
    whatYouGet: "What you will get",
    whatYouGetItems: [
      "The categories of personal information we hold about you, such as identifiers, purchase records or internet activity.",
      "Where each category came from, why we use it, and who we disclosed it to.",
      "If you ask for specific pieces and we can verify your identity to a high degree: a copy of the information itself.",
      "A readable PDF and a machine-readable JSON file you can keep or move to another service.",
    ],
    howItWorks: "How it works",
    steps: [
      "Tell us what you want to know and how to reach you. You do not need an account, and there is no fee.",
      "Confirm your e-mail address with a code we send you, and answer a few questions so we know it is really you.",
      "We gather your information from our systems and check it before release.",
      "You download your disclosure here. We send you an e-mail when it is ready.",
    ],
    timing: "How long it takes",
    timingText:
      "We confirm your request right away and answer within 45 calendar days. If we need more time, we will tell you why before the 45 days end, and we will answer within 90 days at most.",
    period: "By default we cover the 12 months before we receive your request. You can ask for everything we have collected since January 1, 2022.",
    agentTitle: "Asking for someone else?",
    agentText: "Authorized agents can submit a request on a consumer's behalf with the consumer's signed permission.",
    agentLink: "Submit as an authorized agent",
    otherWays: "You can also make a request by e-mail at {{email}}.",
  },
  notFound: {
    title: "We could not find that page",
    text: "The address may be mistyped, or the page may have moved.",
    back: "Go to the start page",
  },
  error: {
    title: "Something went wrong",
    text: "We could not complete that. Nothing was lost; please try again in a moment. If it keeps happening, contact us and mention this reference: {{ref}}.",
  },
} as const;

/** The shape every translation must have (the Spanish file is checked against it at compile time). */
export type Messages = DeepString<typeof en>;
type DeepString<T> = T extends string ? string : T extends readonly string[] ? readonly string[] : { [K in keyof T]: DeepString<T[K]> };
