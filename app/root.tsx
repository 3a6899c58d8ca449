import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { useNonce } from "./components/nonce";
import { readRefusal, RefusalMessage } from "./components/refusal-message";
import { createI18n, type Language } from "./i18n/i18n";
import { useTranslation } from "./i18n/use-translation";
import { getBusinessSummary } from "./lib/business.server";
import { CSRF_FIELD, getCsrfToken } from "./lib/csrf.server";
import { getLanguage } from "./lib/language.server";
import styles from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Public: the chrome (language, business name) is the same for everyone; the language switch
  // posts with the visitor's CSRF token.
  const { token, setCookie } = await getCsrfToken(request, context);
  const chrome = { lang: await getLanguage(request), business: await getBusinessSummary(context), csrf: { name: CSRF_FIELD, value: token } };
  return setCookie ? data(chrome, { headers: { "Set-Cookie": setCookie } }) : chrome;
}

/**
 * The agent portal (ADR 013) and the staff console are English only, like their mail: there the
 * chrome is English too and offers no language switch, which would change nothing on the page. The
 * consumer's own pages, including /authorize/<token> where they answer about an agent, stay
 * bilingual (11 CCR 7003).
 */
const isEnglishOnlyPage = (pathname: string): boolean => /^\/(agent|ops)(\/|$)/.test(pathname);

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const englishOnly = isEnglishOnlyPage(useLocation().pathname);
  const lang: Language = englishOnly ? "en" : (data?.lang ?? "en");
  const i18n = useMemo(() => createI18n(lang), [lang]);
  const nonce = useNonce();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          <Chrome business={data?.business.name ?? ""} lang={lang} languageSwitch={!englishOnly}>
            {children}
          </Chrome>
        </I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Chrome({ business, lang, languageSwitch, children }: { business: string; lang: Language; languageSwitch: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <>
      <a className="skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <header className="site-header">
        <a href="/" className="brand">
          {business || t("common.home")}
        </a>
        {languageSwitch ? (
          <Form method="post" action="/language" className="language-switch" aria-label={t("common.language")}>
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            {data ? <input type="hidden" name={data.csrf.name} value={data.csrf.value} /> : null}
            <button type="submit" name="lang" value="en" aria-pressed={lang === "en"} lang="en">
              {t("common.english")}
            </button>
            <button type="submit" name="lang" value="es" aria-pressed={lang === "es"} lang="es">
              {t("common.spanish")}
            </button>
          </Form>
        ) : null}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t("common.footer")}</p>
        {data ? <a href={data.business.privacyPolicyUrl}>{t("common.privacyPolicy")}</a> : null}
      </footer>
    </>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const refusal = isRouteErrorResponse(error) ? readRefusal(error.data) : null;
  if (refusal) return <RefusalMessage refusal={refusal} />;
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <section className="panel">
        <h1>{t("notFound.title")}</h1>
        <p>{t("notFound.text")}</p>
        <p>
          <a href="/">{t("notFound.back")}</a>
        </p>
      </section>
    );
  }
  return (
    <section className="panel" role="alert">
      <h1>{t("error.title")}</h1>
      <p>{t("error.text", { ref: isRouteErrorResponse(error) ? String(error.status) : "500" })}</p>
    </section>
  );
}
