import type { MetaFunction } from "@remix-run/node";
import { en } from "~/i18n/en";
import { es } from "~/i18n/es";

/**
 * A translated <title> for a consumer page. meta() has no i18n instance, so it reads the language
 * the root loader chose and the dictionaries directly. Consumer pages are not for search engines:
 * their content is per request.
 */
export function consumerMeta(key: keyof typeof en.titles): MetaFunction {
  return ({ matches }) => {
    const root = matches.find((m) => m.id === "root")?.data as { lang?: string } | undefined;
    const titles = root?.lang === "es" ? es.titles : en.titles;
    return [{ title: titles[key] }, { name: "robots", content: "noindex" }];
  };
}

/** Pages that show a requester's own data are never cached by browsers or proxies. */
export const NO_STORE = { "Cache-Control": "no-store" } as const;
