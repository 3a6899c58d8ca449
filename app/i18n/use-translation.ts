import type { i18n as I18n, TFunction } from "i18next";
import { useContext } from "react";
import { I18nContext } from "react-i18next";
import { createI18n } from "./i18n";

const boundT = new WeakMap<I18n, TFunction>();

/**
 * The instance's `t`, remembering plain lookups (a key, no options): the dictionaries never change
 * while the process runs, and most of a page's texts are such lookups. Calls with options
 * (interpolation, plurals) are translated every time.
 */
function rememberingT(i18n: I18n): TFunction {
  const plain = new Map<string, unknown>();
  const t = (key: string | string[], options?: unknown): unknown => {
    if (options !== undefined || typeof key !== "string") return i18n.t(key, options as never);
    if (!plain.has(key)) plain.set(key, i18n.t(key));
    return plain.get(key);
  };
  return t as unknown as TFunction;
}

/**
 * `const { t, i18n } = useTranslation()` for our components, reading the instance that root.tsx
 * provides. react-i18next's hook of the same name copies every property of the i18next instance
 * for each component on each render, and its `t` copies all the instance's options on each call:
 * together the largest cost of rendering a page (bench/http.ts). We need none of what that buys
 * (namespaces loaded later, Suspense, re-rendering on changeLanguage): the dictionaries are
 * bundled and each language has its own instance (./i18n.ts), so the instance's own `t` is enough.
 */
export function useTranslation(): { t: TFunction; i18n: I18n } {
  const i18n = useContext(I18nContext)?.i18n ?? createI18n("en");
  let t = boundT.get(i18n);
  if (!t) boundT.set(i18n, (t = rememberingT(i18n)));
  return { t, i18n };
}
