import type { MetaFunction } from "@remix-run/node";
import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction = () => [
  { title: "Right to Know: your personal information" },
  { name: "description", content: "Ask what personal information the business holds about you (California Consumer Privacy Act)." },
];

// Public landing page: no loader of its own; the business name comes from the root loader.
export default function Landing() {
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const business = root?.business.name ?? "";
  const list = (key: string) => t(key, { returnObjects: true }) as unknown as string[];
  return (
    <>
      <section className="hero">
        <h1>{t("landing.title", { business })}</h1>
        <p className="lead">{t("landing.intro", { business })}</p>
        <p>
          <a className="button" href="/request">
            {t("landing.start")}
          </a>
        </p>
      </section>
      <div className="grid">
        <section className="panel">
          <h2>{t("landing.whatYouGet")}</h2>
          <ul>
            {list("landing.whatYouGetItems").map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
        <section className="panel">
          <h2>{t("landing.howItWorks")}</h2>
          <ol>
            {list("landing.steps").map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ol>
        </section>
        <section className="panel">
          <h2>{t("landing.timing")}</h2>
          <p>{t("landing.timingText")}</p>
          <p>{t("landing.period")}</p>
        </section>
        <section className="panel">
          <h2>{t("landing.agentTitle")}</h2>
          <p>{t("landing.agentText")}</p>
          <p>
            <a href="/agent">{t("landing.agentLink")}</a>
          </p>
          <p>{t("landing.otherWays", { email: root?.business.requestEmail ?? "" })}</p>
        </section>
      </div>
    </>
  );
}
