/** The field name and token a loader got from getCsrfToken (app/lib/csrf.server.ts). */
export interface CsrfFieldData {
  name: string;
  value: string;
}

/**
 * The hidden CSRF field of an ops form. The name travels with the token in loader data: constants
 * imported from a .server module are empty in the browser bundle, so a client-rendered form would
 * otherwise post without it.
 */
export function CsrfInput({ field }: { field: CsrfFieldData }) {
  return <input type="hidden" name={field.name} value={field.value} />;
}
