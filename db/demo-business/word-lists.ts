// Word lists for the demo business generator (generate.ts): places, names, companies, paths and
// message templates. Data only; changing any list changes the generated rows.

export interface Place {
  city: string;
  state: string | null;
  country: string;
  lat: number;
  lng: number;
  zips: readonly string[];
  /** NANP area codes; empty for places whose numbers use another plan. */
  areaCodes: readonly string[];
  weight: number;
}

export const PLACES: readonly Place[] = [
  { city: "San Francisco", state: "CA", country: "US", lat: 37.7749, lng: -122.4194, zips: ["94102", "94103", "94107", "94110", "94114", "94117", "94122"], areaCodes: ["415", "628"], weight: 14 },
  { city: "Oakland", state: "CA", country: "US", lat: 37.8044, lng: -122.2712, zips: ["94601", "94606", "94610", "94612", "94618"], areaCodes: ["510", "341"], weight: 6 },
  { city: "Berkeley", state: "CA", country: "US", lat: 37.8716, lng: -122.2727, zips: ["94702", "94703", "94704", "94709"], areaCodes: ["510"], weight: 2 },
  { city: "San Jose", state: "CA", country: "US", lat: 37.3382, lng: -121.8863, zips: ["95112", "95113", "95125", "95126", "95128"], areaCodes: ["408", "669"], weight: 7 },
  { city: "Palo Alto", state: "CA", country: "US", lat: 37.4419, lng: -122.143, zips: ["94301", "94303", "94306"], areaCodes: ["650"], weight: 3 },
  { city: "Sacramento", state: "CA", country: "US", lat: 38.5816, lng: -121.4944, zips: ["95811", "95814", "95816", "95818", "95819"], areaCodes: ["916", "279"], weight: 5 },
  { city: "Los Angeles", state: "CA", country: "US", lat: 34.0522, lng: -118.2437, zips: ["90012", "90019", "90026", "90027", "90033", "90063"], areaCodes: ["213", "323", "310", "818"], weight: 16 },
  { city: "Santa Monica", state: "CA", country: "US", lat: 34.0195, lng: -118.4912, zips: ["90401", "90403", "90405"], areaCodes: ["310", "424"], weight: 2 },
  { city: "Pasadena", state: "CA", country: "US", lat: 34.1478, lng: -118.1445, zips: ["91101", "91103", "91106"], areaCodes: ["626"], weight: 2 },
  { city: "Long Beach", state: "CA", country: "US", lat: 33.7701, lng: -118.1937, zips: ["90802", "90803", "90804", "90813"], areaCodes: ["562"], weight: 3 },
  { city: "San Diego", state: "CA", country: "US", lat: 32.7157, lng: -117.1611, zips: ["92101", "92103", "92104", "92109", "92116"], areaCodes: ["619", "858"], weight: 7 },
  { city: "Irvine", state: "CA", country: "US", lat: 33.6846, lng: -117.8265, zips: ["92602", "92604", "92612", "92618"], areaCodes: ["949"], weight: 3 },
  { city: "Fresno", state: "CA", country: "US", lat: 36.7378, lng: -119.7871, zips: ["93701", "93704", "93710", "93721"], areaCodes: ["559"], weight: 3 },
  { city: "Bakersfield", state: "CA", country: "US", lat: 35.3733, lng: -119.0187, zips: ["93301", "93304", "93309"], areaCodes: ["661"], weight: 2 },
  { city: "Riverside", state: "CA", country: "US", lat: 33.9806, lng: -117.3755, zips: ["92501", "92503", "92506"], areaCodes: ["951"], weight: 2 },
  { city: "Santa Barbara", state: "CA", country: "US", lat: 34.4208, lng: -119.6982, zips: ["93101", "93103", "93105"], areaCodes: ["805"], weight: 1 },
  { city: "Santa Cruz", state: "CA", country: "US", lat: 36.9741, lng: -122.0308, zips: ["95060", "95062"], areaCodes: ["831"], weight: 1 },
  { city: "Chula Vista", state: "CA", country: "US", lat: 32.6401, lng: -117.0842, zips: ["91910", "91911", "91913"], areaCodes: ["619"], weight: 1 },
  { city: "Salinas", state: "CA", country: "US", lat: 36.6777, lng: -121.6555, zips: ["93901", "93905", "93906"], areaCodes: ["831"], weight: 1 },
  { city: "Seattle", state: "WA", country: "US", lat: 47.6062, lng: -122.3321, zips: ["98101", "98103", "98122"], areaCodes: ["206"], weight: 3 },
  { city: "Portland", state: "OR", country: "US", lat: 45.5152, lng: -122.6784, zips: ["97201", "97205", "97214"], areaCodes: ["503"], weight: 2 },
  { city: "Austin", state: "TX", country: "US", lat: 30.2672, lng: -97.7431, zips: ["78701", "78702", "78704"], areaCodes: ["512"], weight: 2 },
  { city: "New York", state: "NY", country: "US", lat: 40.7128, lng: -74.006, zips: ["10001", "10011", "11211"], areaCodes: ["212", "646", "718"], weight: 3 },
  { city: "Chicago", state: "IL", country: "US", lat: 41.8781, lng: -87.6298, zips: ["60601", "60614", "60622"], areaCodes: ["312", "773"], weight: 2 },
  { city: "Denver", state: "CO", country: "US", lat: 39.7392, lng: -104.9903, zips: ["80202", "80205", "80218"], areaCodes: ["303", "720"], weight: 1 },
  { city: "Boston", state: "MA", country: "US", lat: 42.3601, lng: -71.0589, zips: ["02108", "02116", "02139"], areaCodes: ["617"], weight: 1 },
  { city: "Phoenix", state: "AZ", country: "US", lat: 33.4484, lng: -112.074, zips: ["85004", "85006", "85016"], areaCodes: ["602"], weight: 1 },
  { city: "Miami", state: "FL", country: "US", lat: 25.7617, lng: -80.1918, zips: ["33130", "33131", "33137"], areaCodes: ["305", "786"], weight: 1 },
  { city: "Toronto", state: "ON", country: "CA", lat: 43.6532, lng: -79.3832, zips: ["M5V 2T6", "M4M 1H3", "M6J 1E6"], areaCodes: ["416", "647"], weight: 1 },
  { city: "London", state: null, country: "GB", lat: 51.5074, lng: -0.1278, zips: ["N1 7GU", "SE1 9SG", "E2 8DY"], areaCodes: [], weight: 1 },
];
export const PLACE_WEIGHTS = PLACES.map((p) => [p, p.weight] as const);

export const STREETS = [
  "Valencia Street", "Mission Street", "Oak Avenue", "El Camino Real", "Sunset Boulevard", "Mariposa Street", "Broadway",
  "Main Street", "Cedar Lane", "Pacific Avenue", "Lincoln Way", "Alvarado Street", "Calle Real", "Avenida de la Playa",
  "Maple Drive", "Grand Avenue", "Fulton Street", "Telegraph Avenue", "Figueroa Street", "Vía Lucía", "Willow Road",
  "Harbor Boulevard", "Juniper Court", "Sequoia Way", "Rancho Drive", "Orchard Road", "Canyon View Drive", "Camino del Sol",
];
export const UNITS = ["Apt 4B", "Unit 12", "#305", "Apt 2", "Suite 210", "Apt 7C"];

export const FIRST_ES = ["José", "María", "Sofía", "Mateo", "Santiago", "Valentina", "Camila", "Lucía", "Andrés", "Raúl", "Inés", "Joaquín", "Ximena", "Óscar", "Ángel", "Jesús", "Guadalupe", "Rocío", "Begoña", "Iñaki", "Martín", "Nicolás", "Julián", "Adrián", "Itzel", "Yolanda"];
export const LAST_ES = ["García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez", "Flores", "Núñez", "Peña", "Ibáñez", "Muñoz", "Castañeda", "Jiménez", "Gutiérrez", "Chávez", "Álvarez", "Domínguez", "Villaseñor", "Echeverría", "Cortés", "Ortega"];
export const FIRST_OTHER = ["Olivia", "Liam", "Emma", "Noah", "Ava", "Ethan", "Mia", "Lucas", "Chloé", "Zoë", "Renée", "Noémie", "Hélène", "François", "Björn", "Søren", "Jürgen", "Siobhán", "Seán", "Łukasz", "Małgorzata", "Katarzyna", "Zoltán", "Dmitri", "Olga", "Mei", "Wei", "Hiroshi", "Yuki", "Aarav", "Ananya", "Kwame", "Chidi", "Amara", "Fatima", "Omar", "Layla", "Thảo", "Minh", "Samuel", "Hannah", "Benjamin", "Isabella", "James", "Aaliyah", "DeShawn", "Tomás", "João", "Ana", "Keanu", "Leilani", "Nadia"];
export const LAST_OTHER = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Nguyễn", "Trần", "Kim", "Park", "Patel", "Shah", "Chen", "Wang", "Li", "Adeyemi", "O'Brien", "O'Connor", "Kowalski", "Wiśniewski", "Müller", "Schröder", "Dubois", "Lefèvre", "Rossi", "Silva", "Gonçalves", "Yamamoto", "Tanaka", "Cohen", "Haddad", "Ivanov", "Johansson", "Andersen", "Brontë", "Smith-Jones", "Van der Berg", "MacLeod", "Kahananui", "Mensah"];

export const COMPANY_PREFIXES = ["Bright", "Golden", "Pacific", "Redwood", "Summit", "Coastal", "Blue Oak", "Sierra", "Mission", "Harbor", "Juniper", "Cedar", "Lumen", "Kestrel", "Alta", "Copper", "Evergreen", "Marigold", "Tidewater", "Granite", "Poppy", "Sequoia", "Monarch", "Northwind", "Canyon", "Driftwood", "Silverline", "Orchard", "Foxglove", "Meridian"];
export const COMPANY_NOUNS: readonly (readonly [string, string])[] = [
  ["Dental", "Healthcare"], ["Outfitters", "Retail"], ["Analytics", "Software"], ["Logistics", "Transportation"],
  ["Coffee Roasters", "Food & Beverage"], ["Realty", "Real Estate"], ["Health", "Healthcare"], ["Labs", "Software"],
  ["Apparel", "E-commerce"], ["Bikes", "E-commerce"], ["Insurance Agency", "Financial Services"], ["Learning", "Education"],
  ["Travel", "Travel"], ["Pet Supply", "Retail"], ["Solar", "Energy"], ["Fitness", "Health & Fitness"],
  ["Legal Group", "Professional Services"], ["Games", "Media & Entertainment"], ["Foods", "Food & Beverage"],
  ["Design Studio", "Professional Services"], ["Software", "Software"], ["Home Care", "Healthcare"],
  ["Auto Repair", "Automotive"], ["Property Management", "Real Estate"], ["Wealth Advisors", "Financial Services"],
];
export const COMPANY_ES_TYPES: readonly (readonly [string, string])[] = [
  ["Taquería", "Food & Beverage"], ["Panadería", "Food & Beverage"], ["Clínica Dental", "Healthcare"], ["Mercado", "Retail"],
  ["Floristería", "Retail"], ["Estudio de Diseño", "Professional Services"], ["Taller Mecánico", "Automotive"], ["Librería", "Retail"],
];
export const COMPANY_ES_NAMES = ["La Estrella", "El Sol", "Los Álamos", "Santa Ana", "Del Valle", "La Esperanza", "Las Palmas", "El Faro", "Doña Inés", "Mi Tierra", "San Judas", "La Güera"];

export const JOB_TITLES = ["Support Manager", "Head of Customer Experience", "Customer Success Manager", "Founder & CEO", "Operations Manager", "Marketing Director", "Growth Marketer", "Support Agent", "Community Manager", "VP Customer Success", "Product Manager", "Sales Development Representative", "Office Manager", "Owner", "CTO", "Software Engineer", "Support Team Lead", "E-commerce Manager"];
export const JOB_TITLES_ES = ["Gerente de Atención al Cliente", "Dueña", "Dueño", "Coordinadora de Operaciones", "Agente de Soporte", "Directora de Marketing"];

export const PLANS: readonly (readonly [string, number, number])[] = [
  // plan, cents per seat per month, weight
  ["Starter", 3900, 35], ["Pro", 9900, 40], ["Premium", 13900, 18], ["Enterprise", 25000, 7],
];
export const PLAN_PRICE = new Map(PLANS.map(([p, c]) => [p, c]));

export const SECURITY_QA: readonly (readonly [string, readonly string[]])[] = [
  ["What was the name of your first pet?", ["Biscuit", "Luna", "Max", "Canela", "Pepper", "Milo"]],
  ["In what city were you born?", ["Fresno", "Guadalajara", "Oakland", "Kraków", "Manila", "Lagos"]],
  ["What was your childhood nickname?", ["Bubba", "Chiquis", "Tater", "Nena", "Ace"]],
  ["What is your mother's maiden name?", ["Alvarez", "Kowalczyk", "Okoro", "Sullivan", "Tran"]],
];

export const FEATURES = ["inbox_replies", "conversations_assigned", "bot_workflows_edited", "help_center_articles_published", "product_tours_viewed", "outbound_messages_sent", "reports_exported", "macros_used", "api_calls", "whatsapp_messages_sent"];
export const MARKETING_PATHS = ["/", "/pricing", "/features/inbox", "/features/bots", "/features/help-center", "/features/product-tours", "/customers", "/blog/support-benchmarks", "/blog/whatsapp-for-business", "/webinars", "/contact-sales", "/security", "/es/precios"];
export const APP_PATHS = ["/inbox", "/inbox/conversations/{n}", "/contacts", "/contacts/{n}", "/reports/team-performance", "/settings/profile", "/settings/billing", "/bots/workflows/{n}", "/help-center/articles/{n}", "/outbound/campaigns/{n}"];
export const APP_SCREENS = ["parlay://inbox", "parlay://conversations/{n}", "parlay://contacts/{n}", "parlay://settings", "parlay://notifications"];
export const REFERRERS = ["https://www.google.com/", "https://www.bing.com/", "https://www.linkedin.com/", "https://www.g2.com/products/parlay/reviews", "https://duckduckgo.com/", "https://news.ycombinator.com/"];
export const BROWSER_UAS = [
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Mobile Safari/537.36",
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36",
];
export const DEVICE_MODELS = {
  ios: { models: ["iPhone 13", "iPhone 14", "iPhone 15", "iPhone 15 Pro", "iPhone 16", "iPhone SE (3rd generation)"], os: ["17.5", "17.6", "18.0", "18.1"] },
  android: { models: ["Pixel 7", "Pixel 8", "Galaxy S23", "Galaxy S24", "Galaxy A54", "OnePlus 12"], os: ["13", "14", "15"] },
} as const;
export const APP_VERSIONS = ["4.8.2", "4.9.0", "5.0.1", "5.1.3", "5.2.0"];

export const LEAD_SOURCES: readonly (readonly [string, number, boolean])[] = [
  // source, weight, came through our own web form (so the browser's cookie id is on the lead)
  ["webinar signup", 25, true], ["ebook download", 20, true], ["contact sales form", 12, true], ["trade show badge scan", 10, false],
  ["purchased list from data broker", 10, false], ["contact enrichment provider", 8, false], ["LinkedIn lead gen form", 10, false],
  ["referral from customer", 5, false],
];

export const SEGMENTS: readonly (readonly [string, string])[] = [
  ["California SMB customers", "Paying workspaces with fewer than 20 seats and a California billing address."],
  ["High-intent trial users", "Trial users who connected a channel and invited a teammate in their first week."],
  ["Churn risk watch list", "Customers whose churn-risk score is above 0.6."],
  ["Expansion candidates", "Customers whose upsell score is 70 or more."],
  ["Webinar attendees", "Anyone who attended a Parlay webinar."],
  ["Spanish-language contacts", "People whose preferred language is Spanish; they get campaigns in Spanish."],
  ["Decision makers", "Inferred seniority of director or above."],
  ["WhatsApp integration interest", "Visited the WhatsApp pages or asked about WhatsApp."],
  ["Purchased-list prospects", "Leads that came from a purchased list; excluded from cold e-mail after 90 days."],
  ["Dormant leads", "No e-mail opens or site visits in 90 days."],
  ["Mobile app power users", "Open the mobile app on at least 10 days a month."],
  ["Parlay Connect invite list", "Invited to the annual Parlay Connect conference."],
];
export const INTERESTS = ["chatbots", "help center", "WhatsApp messaging", "e-mail campaigns", "product tours", "AI answers", "ticketing", "Salesforce integration", "Shopify integration", "surveys", "mobile inbox"];
export const SENIORITY = ["individual contributor", "manager", "director", "executive", "owner"];
export const COMPANY_SIZES = ["1-10", "11-50", "51-200", "201-1000", "1000+"];

/** [months before anchor, name template ({Y} = year), in person?] */
export const EVENTS: readonly (readonly [number, string, boolean])[] = [
  [27, "Webinar: Bots your customers won't hate", false],
  [21, "Parlay Connect {Y}, San Francisco", true],
  [15, "Support Leaders Roundtable, Los Angeles", true],
  [10, "Webinar: Inbox zero for support teams", false],
  [9, "Parlay Connect {Y}, San Francisco", true],
  [4, "Taller en español: atención al cliente por WhatsApp", false],
  [2, "Support Leaders Roundtable, San Diego", true],
];
export const DIETS = ["vegetarian", "vegan", "gluten-free", "halal", "kosher", "no pork", "nut allergy", "lactose intolerant"];
export const OFFICES = [["Parlay HQ, San Francisco", "sf"], ["Parlay Los Angeles office", "la"]] as const;
export const HOSTS = ["Rachel Kim", "Tom Alvarez", "Nadia Petrova", "Ben Osei"];
export const AGENTS_EN = ["Sam Whitaker", "Aisha Bello", "Connor Walsh", "Hana Sato"];
export const AGENTS_ES = ["Marisol Vega", "Diego Fuentes"];

export interface Template {
  subject: string;
  body: string;
  colleague?: true;
}
export const OPENERS: Record<"en" | "es", readonly Template[]> = {
  en: [
    { subject: "Can't connect our WhatsApp number", body: "Hi, we tried to connect our WhatsApp Business number this morning and the setup keeps failing at the verification step. Could you take a look?" },
    { subject: "Question about our latest invoice", body: "Hello, our latest invoice lists more seats than we have people on the team. Can you check the seat count for {company}?" },
    { subject: "Bot answers in the wrong language", body: "Our bot keeps replying in English to customers who write in Spanish. Is there a setting we missed?" },
    { subject: "Exporting conversation history", body: "How can I export all conversations from last quarter as a CSV? I need them for our quarterly review." },
    { subject: "Help center articles not showing", body: "Two of our help center articles disappeared from the public site after I edited them yesterday." },
    { subject: "Push notifications stopped", body: "Since the last app update I no longer get push notifications when a conversation is assigned to me." },
    { subject: "Make a teammate an admin", body: "Could you give my colleague {colleague} admin rights on our workspace? {colleagueFirst} is taking over the help center next week.", colleague: true },
    { subject: "Teammate locked out", body: "{colleague} can't log in since resetting the password this morning. Can you check the account? Thanks!", colleague: true },
  ],
  es: [
    { subject: "No puedo conectar WhatsApp", body: "Hola, intentamos conectar nuestro número de WhatsApp Business y la verificación falla cada vez. ¿Nos pueden ayudar?" },
    { subject: "Pregunta sobre la factura", body: "Buenos días, la última factura de {company} cobra más asientos de los que tenemos. ¿Pueden revisarlo?" },
    { subject: "El bot responde en inglés", body: "Nuestro bot contesta en inglés aunque el cliente escribe en español. ¿Qué configuración nos falta?" },
    { subject: "Cambiar el administrador", body: "¿Pueden darle permisos de administrador a {colleague}? {colleagueFirst} se encargará del centro de ayuda a partir de la próxima semana.", colleague: true },
  ],
};
export const PRESALES: readonly Template[] = [
  { subject: "Pricing for a small team", body: "Hi, we're a 5-person support team. Does the Pro plan include the WhatsApp integration?" },
  { subject: "Demo request", body: "Could we get a demo next week? We're comparing a few messaging tools for our support team." },
];
export const CUSTOMER_FOLLOWUPS = {
  en: ["Thanks, that worked!", "That fixed it, thank you 🙏", "Still seeing the same problem after trying that.", "Great, appreciate the quick reply."],
  es: ["¡Gracias, ya funciona!", "Perfecto, muchas gracias 🙏", "Sigue fallando, ¿alguna otra idea?"],
};
export const AGENT_REPLIES = {
  en: ["Thanks for reaching out, {first}! I'm looking into this now.", "Happy to help, {first}. I've made the change on our side; could you try again?", "I've passed this to our billing team; you'll hear back within one business day.", "Glad it's sorted! I'll close this conversation, but just reply if anything else comes up."],
  es: ["¡Hola {first}! Gracias por escribirnos, ya lo estoy revisando.", "Listo, {first}: hicimos el cambio. ¿Puedes intentarlo de nuevo?", "¡Qué bueno que se resolvió! Cierro la conversación; si necesitas algo más, responde aquí."],
};
export const BOT_GREETING = { en: "Hi there 👋 A teammate will be with you shortly. We usually reply in under 5 minutes.", es: "¡Hola! 👋 Un agente te atenderá en breve." };
