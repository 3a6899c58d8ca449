import { createContext, useContext } from "react";

// The CSP nonce travels from Express (res.locals) through the load context to Remix's <Scripts>.
const NonceContext = createContext<string>("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
