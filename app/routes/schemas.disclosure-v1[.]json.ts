import { readDisclosureSchema } from "~/lib/schemas.server";

// Public resource route: the schema describes the format of every disclosure and contains no
// personal data, so no access check. Consumers and their tools fetch it from the `$schema` URL
// written into each JSON disclosure (R33: a published, versioned schema).
export async function loader() {
  return new Response(await readDisclosureSchema(), {
    headers: { "Content-Type": "application/schema+json; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
