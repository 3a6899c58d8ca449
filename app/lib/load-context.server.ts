import type { AppContext } from "../../server/context";

// What server/index.ts passes to every loader and action: the process-wide services and the
// per-response CSP nonce. Loaders reach server/ only through app/lib/*.server.ts modules.
declare module "@remix-run/node" {
  interface AppLoadContext {
    app: AppContext;
    cspNonce: string;
    /** The client's address as Express resolved it (TRUST_PROXY): per-IP code limits and the declaration record. */
    clientIp?: string;
  }
}

export {};
