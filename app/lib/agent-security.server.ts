import type { AppLoadContext } from "@remix-run/node";
import QRCode from "qrcode";
import { enrolAgentTotp } from "../../server/agents/enrol-agent-totp";
import { startAgentTotp } from "../../server/agents/start-agent-totp";
import type { AgentSession } from "./agent-session.server";

/** The two-step sign-in page: on already, or the pending key as a QR code (a data: URL, as the CSP allows) and as text. */
export async function loadAgentTotp(context: AppLoadContext, agent: AgentSession) {
  const started = await startAgentTotp(context.app, { agentId: agent.agent.id });
  if (started.status !== "ready") return { on: started.status === "already_on", qrDataUrl: null, secretGroups: [] as string[] };
  const svg = await QRCode.toString(started.uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { on: false, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`, secretGroups: started.secret.match(/.{1,4}/g) ?? [] };
}

export async function turnOnAgentTotp(context: AppLoadContext, agent: AgentSession, form: FormData): Promise<"ok" | "bad_code" | "unavailable"> {
  const code = String(form.get("code") ?? "").replace(/\s/g, "");
  if (!/^\d{6}$/.test(code)) return "bad_code";
  return (await enrolAgentTotp(context.app, { agentId: agent.agent.id, code })).status;
}
