import type { AppLoadContext } from "@remix-run/node";
import { registerAgent } from "../../server/agents/register-agent";
import { signInAgent } from "../../server/agents/sign-in-agent";
import { verifyAgentEmail } from "../../server/agents/verify-agent-email";
import { isAppError } from "../../server/lib/errors";

export { MIN_PASSWORD_LENGTH } from "../../server/agents/agent-policy";

export type RegisterOutcome = { ok: true } | { ok: false; fields: string[]; values: Record<string, string> };

/** The registration form (R20, R23): kind, legal name, e-mail, SoS number, password, duties accepted. */
export async function registerAgentFromForm(context: AppLoadContext, form: FormData): Promise<RegisterOutcome> {
  const values = {
    kind: String(form.get("kind") ?? ""),
    name: String(form.get("name") ?? "").slice(0, 300),
    email: String(form.get("email") ?? "").slice(0, 400),
    sosNumber: String(form.get("sosNumber") ?? "").slice(0, 100),
  };
  try {
    await registerAgent(context.app, {
      kind: values.kind as "person",
      name: values.name,
      email: values.email,
      sosNumber: values.sosNumber,
      password: String(form.get("password") ?? "").slice(0, 1024),
      acceptedDuties: (form.get("acceptedDuties") === "yes") as true,
    });
    return { ok: true };
  } catch (error) {
    if (isAppError(error, "validation")) return { ok: false, fields: (error.details.fields as string[]) ?? [], values };
    throw error;
  }
}

export async function confirmAgentEmail(context: AppLoadContext, token: string): Promise<boolean> {
  return (await verifyAgentEmail(context.app, { token })).status === "verified";
}

export async function signInAgentFromForm(context: AppLoadContext, form: FormData) {
  const code = String(form.get("code") ?? "").trim();
  return signInAgent(context.app, {
    email: String(form.get("email") ?? "").slice(0, 400),
    password: String(form.get("password") ?? "").slice(0, 1024),
    ...(code ? { code: code.slice(0, 12) } : {}),
    ip: context.clientIp,
  });
}
