import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireOutbox } from "~/lib/outbox.server";

export const meta: MetaFunction = () => [{ title: "Development mail outbox" }, { name: "robots", content: "noindex" }];

export async function loader({ context }: LoaderFunctionArgs) {
  return { messages: await requireOutbox(context) };
}

// Developer tool, English only: it stands in for a mailbox while no SMTP server is configured.
export default function Outbox() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>Development mail outbox</h1>
      <p className="lead">
        No SMTP server is configured, so the portal writes each e-mail here instead of sending it. This page does not exist in
        production.
      </p>
      {messages.length === 0 ? <p>No messages yet.</p> : null}
      <ol className="outbox">
        {messages.map((m) => (
          <li key={m.messageId} className="panel">
            <h2>{m.subject}</h2>
            <p className="meta">
              To <strong>{m.to}</strong> · {new Date(m.sentAt).toUTCString()}
            </p>
            <pre>{m.text}</pre>
          </li>
        ))}
      </ol>
    </section>
  );
}
