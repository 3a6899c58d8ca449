/**
 * The return address of a form (the language switch) when it is a page of this site, else "/".
 * Parsed with the WHATWG URL parser against the portal's own origin, as a browser would resolve it
 * in a Location header: `/\evil.example` and `//evil.example` resolve off-site there, so anything
 * with a backslash, a control character or a second leading slash is refused before parsing, and
 * whatever parses to another origin after (issue 16 item 3).
 */
export function sameSitePath(target: unknown, portalUrl: string): string {
  if (typeof target !== "string" || target.length > 2048) return "/";
  if (!target.startsWith("/") || target.startsWith("//") || target.includes("\\") || hasControlCharacter(target)) return "/";
  const origin = new URL(portalUrl).origin;
  let url: URL;
  try {
    url = new URL(target, origin);
  } catch {
    return "/";
  }
  return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : "/";
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
