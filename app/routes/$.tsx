// Unknown paths render the root ErrorBoundary's translated 404 page.
export function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
