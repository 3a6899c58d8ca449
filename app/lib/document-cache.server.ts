import type { AppLoadContext } from "@remix-run/node";
import type { CachedDocument, DocumentVisit } from "../../server/http/remix-handler";
import { getCsrfTokenWithoutSession } from "./csrf.server";
import { languageOf } from "./language.server";

/**
 * The rendered documents of the anonymous pages, kept per (path, language) with the per-response
 * values cut out, so a later visitor's page is the stored one with their own CSP nonce and CSRF
 * token put back, without running Remix or React (issue 18 item 5, ADR 052).
 *
 * A path belongs here only if everything its loaders and components read is the build, the path,
 * the visitor's language (lang cookie, Accept-Language), process-wide settings (env, the data map's
 * business section, read once per process) and the two per-response values: the CSP nonce
 * (res.locals) and the CSRF token with its nonce cookie (getCsrfToken). "/": no loader of its own;
 * "/request": the form, its token and the residency policy (env).
 */
const CACHEABLE_PATHS = new Set(["/", "/request"]);

/**
 * Cookies that may come with a cached visit: the language (part of the key) and the CSRF nonce
 * (the token is minted per response, as the render would). Any other cookie (a consumer, agent or
 * staff session, the pending-request cookie of the code step, anything unknown) means the page is
 * rendered, never served from here.
 */
const ANONYMOUS_COOKIES = new Set(["lang", "rtk_csrf"]);

/** Distinct (path, language) keys are 2 x 2 today; the bound only guards against a surprise. */
const MAX_ENTRIES = 32;

/** Placeholders of the per-response values; NUL never occurs in a rendered document. */
const NONCE_SLOT = "\u0000nonce\u0000";
const TOKEN_SLOT = "\u0000csrf\u0000";

interface Template {
  /** The document with NONCE_SLOT and TOKEN_SLOT where its render had the nonce and the token. */
  text: string;
  /** The response's own headers but Set-Cookie and Content-Length, as [name, value] in order. */
  headers: [string, string][];
}

interface Entry {
  template: Template;
  /** Served only once two renders of two responses (two nonces) gave the same template. */
  adopted: boolean;
  /** The adopted template cut at its slots, ready to be joined with a response's values. */
  parts?: { chunks: Buffer[]; slots: ("nonce" | "csrf")[] };
}

const entries = new Map<string, Entry>();

/** Whether a visit may be answered from the cache at all: anonymous GET of a listed path, no query. */
function isCacheable(visit: DocumentVisit): boolean {
  if (visit.method !== "GET" || visit.search !== "" || !CACHEABLE_PATHS.has(visit.pathname)) return false;
  return cookieNames(visit.cookie).every((name) => ANONYMOUS_COOKIES.has(name));
}

function cookieNames(header: string | null): string[] {
  if (!header) return [];
  return header
    .split(";")
    .map((pair) => pair.split("=")[0]!.trim())
    .filter((name) => name !== "");
}

async function keyOf(visit: DocumentVisit): Promise<string> {
  return `${visit.pathname}\u0000${await languageOf(visit.cookie, visit.acceptLanguage)}`;
}

/**
 * The cached page for this visit with a fresh nonce and CSRF token, or null (not cacheable, or not
 * adopted yet): the caller then renders it as usual.
 */
export async function serveCachedDocument(visit: DocumentVisit, context: AppLoadContext): Promise<CachedDocument | null> {
  if (!isCacheable(visit)) return null;
  const entry = entries.get(await keyOf(visit));
  if (!entry?.adopted || !entry.parts) return null;
  const { token, setCookie } = await getCsrfTokenWithoutSession(visit.cookie, context);
  const nonce = Buffer.from(context.cspNonce, "utf8");
  const csrf = Buffer.from(token, "utf8");
  const { chunks, slots } = entry.parts;
  const pieces: Buffer[] = [chunks[0]!];
  for (let i = 0; i < slots.length; i++) pieces.push(slots[i] === "nonce" ? nonce : csrf, chunks[i + 1]!);
  const body = Buffer.concat(pieces);
  const headers: [string, string][] = [...entry.template.headers, ["Content-Length", String(body.length)]];
  if (setCookie) headers.push(["Set-Cookie", setCookie]);
  return { status: 200, headers, body };
}

/** What a finished render tells the cache; see rememberDocument. */
export interface RenderedDocument {
  visit: DocumentVisit;
  status: number;
  /** No loader or render error, no action data, no refusal: the page as anyone would get it. */
  plain: boolean;
  headers: Headers;
  body: Buffer;
  nonce: string;
  /** The CSRF token and nonce cookie this response's loaders minted (getCsrfToken of its context). */
  csrf: () => Promise<{ token: string; setCookie: string | null }>;
}

/**
 * Offers a rendered page to the cache. It becomes the stored template only when a second render
 * of the same key, with another nonce and token, gives the same bytes once both values are cut
 * out: proof that nothing else per response (a time, a random id, an unreplaced encoding of the
 * token) is in it. A page with any cookie but the CSRF nonce's among its Set-Cookie headers is
 * never kept.
 */
export async function rememberDocument(rendered: RenderedDocument): Promise<void> {
  const { visit, nonce } = rendered;
  if (!isCacheable(visit) || rendered.status !== 200 || !rendered.plain || nonce.length < 16) return;
  const csrf = await rendered.csrf();
  const setCookies = rendered.headers.getSetCookie();
  if (setCookies.some((cookie) => cookie !== csrf.setCookie)) return;
  const key = await keyOf(visit);
  if (entries.get(key)?.adopted) return;
  const html = rendered.body.toString("utf8");
  // The nonce and the token must both be in it: a page without the token would be served with a
  // nonce cookie its render would not have set.
  if (html.includes("\u0000") || !html.includes(nonce) || !html.includes(csrf.token)) return;
  const text = html.split(nonce).join(NONCE_SLOT).split(csrf.token).join(TOKEN_SLOT);
  const headers: [string, string][] = [];
  for (const [name, value] of rendered.headers) {
    const lower = name.toLowerCase();
    if (lower !== "set-cookie" && lower !== "content-length") headers.push([name, value]);
  }
  const template: Template = { text, headers };
  const previous = entries.get(key);
  if (previous && sameTemplate(previous.template, template)) {
    entries.set(key, { template, adopted: true, parts: cut(text) });
    return;
  }
  if (!previous && entries.size >= MAX_ENTRIES) return;
  entries.set(key, { template, adopted: false });
}

function sameTemplate(a: Template, b: Template): boolean {
  return a.text === b.text && JSON.stringify(a.headers) === JSON.stringify(b.headers);
}

function cut(text: string): Entry["parts"] {
  const chunks: Buffer[] = [];
  const slots: ("nonce" | "csrf")[] = [];
  let rest = text;
  for (;;) {
    const n = rest.indexOf(NONCE_SLOT);
    const c = rest.indexOf(TOKEN_SLOT);
    if (n === -1 && c === -1) break;
    const isNonce = n !== -1 && (c === -1 || n < c);
    const at = isNonce ? n : c;
    chunks.push(Buffer.from(rest.slice(0, at), "utf8"));
    slots.push(isNonce ? "nonce" : "csrf");
    rest = rest.slice(at + (isNonce ? NONCE_SLOT : TOKEN_SLOT).length);
  }
  chunks.push(Buffer.from(rest, "utf8"));
  return { chunks, slots };
}

/** Forgets every stored page (tests). */
export function clearDocumentCache(): void {
  entries.clear();
}
