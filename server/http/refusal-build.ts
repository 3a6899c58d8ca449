import type { AppLoadContext, ServerBuild } from "@remix-run/node";

/** Why the HTTP layer turned a request away before any route ran (ADR 033). */
export interface HttpRefusal {
  /** 400, 403, 405, 413, 429 (or 500 for a failure outside the routes). */
  status: number;
  /** 429: whole seconds until the per-IP window lets this client in again (the Retry-After value). */
  retryAfterSeconds?: number;
}

/** What the root ErrorBoundary receives as the error's data: the page says what happened and what to do. */
export interface RefusalData {
  refusal: HttpRefusal;
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Set only for a request the HTTP layer refused: the refusal build's loaders throw it. */
    refusal?: HttpRefusal;
  }
}

/**
 * The refusal as a thrown JSON Response: Remix hands its parsed body to the ErrorBoundary as
 * `error.data`, and (unlike a thrown `data()`) does not log it as a server error.
 */
export function refusalResponse(refusal: HttpRefusal): Response {
  const headers: Record<string, string> = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };
  if (refusal.retryAfterSeconds !== undefined) headers["Retry-After"] = String(refusal.retryAfterSeconds);
  return new Response(JSON.stringify({ refusal } satisfies RefusalData), { status: refusal.status, headers });
}

function refuse({ context }: { context: AppLoadContext }): never {
  throw refusalResponse(context.refusal ?? { status: 400 });
}

/**
 * The app's own routes with every loader and action (but the root loader) replaced by one that
 * throws the refusal: a refused request gets the normal page — header, language, business name
 * from the root loader — with the root ErrorBoundary's message, for a page load and for a
 * client-side data request alike (single fetch answers the thrown data as an error the client
 * router shows in that boundary). Nothing of the route itself runs: no database read, no body
 * parse, whatever the limit was protecting stays protected.
 */
export function createRefusalBuild(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (route.parentId === undefined) {
      routes[id] = route;
      continue;
    }
    // Routes' own ErrorBoundaries (the staff console's) are dropped so the refusal reaches the
    // root's, the one that explains refusals; the error's route is the topmost refused one.
    routes[id] = { ...route, module: { ...route.module, loader: refuse, action: refuse, ErrorBoundary: undefined } };
  }
  return { ...build, routes };
}
