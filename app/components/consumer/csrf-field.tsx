/** The CSRF field as the loader minted it (name AND value): constants from .server modules are empty in the browser. */
export interface CsrfToken {
  name: string;
  value: string;
}

export function CsrfField({ token }: { token: CsrfToken }) {
  return <input type="hidden" name={token.name} value={token.value} />;
}
