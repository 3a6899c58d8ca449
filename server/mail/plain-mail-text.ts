/**
 * Text someone typed (a name, an agent's name, a staff reason), made safe to print in a mail
 * (issue 16 item 2): one line (line breaks and tabs become spaces, so nothing can start a new
 * header or a new paragraph that looks like ours), no control, bidirectional-override or
 * zero-width characters (no hidden or reversed text), never a link (URL schemes, `www.`, domains
 * and e-mail addresses are defanged the way security advisories write them: `evil[.]example`,
 * `https[:]//`), and at most `maxLength` characters.
 */
export function plainMailText(value: string | undefined | null, maxLength: number): string {
  if (!value) return "";
  let text = [...value]
    .map((char) => {
      const code = char.codePointAt(0)!;
      if (code === 0x09 || code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029) return " ";
      if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return "";
      if ((code >= 0x200b && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0x061c || code === 0xfeff) return "";
      return char;
    })
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  text = text
    // A dot between letters or digits (domains, `www.`): a linkifier no longer sees a host name.
    .replace(/([\p{L}\p{N}])[.\u3002\uff0e\uff61]+(?=[\p{L}\p{N}])/gu, "$1[.]")
    // Schemes (`https://`, `mailto:`, `javascript:`): no scheme, no link.
    .replace(/([\p{L}][\p{L}\p{N}+.-]*):(?=\/\/|[\p{L}\p{N}])/gu, "$1[:]")
    .replace(/@/g, "[at]");
  const chars = [...text];
  return chars.length > maxLength ? `${chars.slice(0, maxLength - 1).join("").trimEnd()}…` : text;
}
