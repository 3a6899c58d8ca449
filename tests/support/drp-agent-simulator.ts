import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/** PKCS#8 DER header of an Ed25519 private key; the 32-byte seed follows (drp.md §4.5). */
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/**
 * Python's json.dumps with default arguments, as the reference agent (OSIRAA, PyNaCl) serialises
 * a message: ", " and ": " separators and non-ASCII escaped as \uXXXX. Signing these bytes proves
 * the portal verifies the bytes as received and never a re-serialisation.
 */
export function pythonJson(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "boolean" || typeof value === "number") return JSON.stringify(value);
  if (typeof value === "string") return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(", ")}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`)
    .join(", ")}}`;
}

/** Python's datetime.isoformat(timespec="milliseconds") on an aware UTC time: "+00:00", not "Z". */
export function pythonTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

export interface DrpResponse {
  status: number;
  contentType: string | null;
  text: string;
  json: any;
}

/**
 * A Data Rights Protocol 1.0 authorized agent for tests: its own Ed25519 key pair, directory
 * entry, and the calls an agent makes (register, submit, poll, revoke), each body signed like the
 * reference Python agent: base64(signature(64) ‖ json_bytes), sent as text/plain.
 */
export class DrpAgentSimulator {
  readonly id: string;
  readonly verifyKey: string;
  private readonly privateKey: KeyObject;
  token: string | null = null;

  constructor(id: string, options: { seed?: string } = {}) {
    this.id = id;
    if (options.seed) {
      this.privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(options.seed, "base64")]), format: "der", type: "pkcs8" });
    } else {
      this.privateKey = generateKeyPairSync("ed25519").privateKey;
    }
    const jwk = this.privateKey.export({ format: "jwk" });
    this.verifyKey = Buffer.from(jwk.x!, "base64url").toString("base64");
  }

  /** The agent's entry in the published agents.json format. */
  directoryEntry(): Record<string, string> {
    return {
      id: this.id,
      name: `Test agent ${this.id}`,
      verify_key: this.verifyKey,
      web_url: "https://agent.example.org",
      identity_assurance_url: "https://agent.example.org/assurance",
      technical_contact: "tech@agent.example.org",
      business_contact: "biz@agent.example.org",
    };
  }

  /** base64(signature ‖ bytes) of `message` serialised the Python way (or exactly `raw` when given). */
  sign(message: unknown, raw?: string): string {
    const bytes = Buffer.from(raw ?? pythonJson(message), "utf8");
    return Buffer.concat([sign(null, bytes, this.privateKey), bytes]).toString("base64");
  }

  /** The signed envelope claims (DRP 1.0 §3.01 group 1 + drp.version), valid for 15 minutes like OSIRAA's. */
  envelope(businessId: string, options: { now?: Date; issuedAt?: Date; expiresAt?: Date; agentId?: string } = {}): Record<string, string> {
    const now = options.now ?? new Date();
    return {
      "agent-id": options.agentId ?? this.id,
      "business-id": businessId,
      "issued-at": pythonTime(options.issuedAt ?? now),
      "expires-at": pythonTime(options.expiresAt ?? new Date(now.getTime() + 15 * 60_000)),
      "drp.version": "1.0",
    };
  }

  /** POST /v1/agent/{id} with a signed envelope; keeps the token on success. */
  async register(apiBase: string, businessId: string, body?: string): Promise<DrpResponse> {
    const response = await call(`${apiBase}/v1/agent/${encodeURIComponent(this.id)}`, { method: "POST", body: body ?? this.sign(this.envelope(businessId)) });
    if (response.status === 200) this.token = response.json.token;
    return response;
  }

  agentInfo(apiBase: string, agentId = this.id): Promise<DrpResponse> {
    return call(`${apiBase}/v1/agent/${encodeURIComponent(agentId)}`, { method: "GET", token: this.token });
  }

  /** POST /v1/data-rights-request with an access/ccpa request: envelope + `claims` (override anything). */
  submit(apiBase: string, businessId: string, claims: Record<string, unknown>, options: { body?: string; path?: string } = {}): Promise<DrpResponse> {
    const message = { ...this.envelope(businessId), exercise: "access", regime: "ccpa", ...claims };
    return call(`${apiBase}${options.path ?? "/v1/data-rights-request"}`, { method: "POST", token: this.token, body: options.body ?? this.sign(message) });
  }

  status(apiBase: string, requestId: string): Promise<DrpResponse> {
    return call(`${apiBase}/v1/data-rights-request/${requestId}`, { method: "GET", token: this.token });
  }

  /** DELETE with the reference agent's body: only `reason`, signed, no Content-Type. */
  revoke(apiBase: string, requestId: string, message: Record<string, unknown> = { reason: "I changed my mind" }): Promise<DrpResponse> {
    return call(`${apiBase}/v1/data-rights-request/${requestId}`, { method: "DELETE", token: this.token, body: this.sign(message), contentType: null });
  }
}

async function call(url: string, init: { method: string; body?: string; token?: string | null; contentType?: string | null }): Promise<DrpResponse> {
  const headers: Record<string, string> = {};
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.body !== undefined && init.contentType !== null) headers["Content-Type"] = init.contentType ?? "text/plain";
  const response = await fetch(url, { method: init.method, headers, body: init.body });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, contentType: response.headers.get("content-type"), text, json };
}

/** A real HTTP server standing in for the agent's status_callback endpoint. */
export interface CallbackSink {
  url: string;
  received: { path: string; contentType: string | undefined; body: any }[];
  /** The status code the next callbacks get (200 by default). */
  respondWith: number;
  close(): Promise<void>;
}

export async function startCallbackSink(): Promise<CallbackSink> {
  const sink: CallbackSink = { url: "", received: [], respondWith: 200, close: async () => {} };
  const server = http.createServer((req, res) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (data += chunk));
    req.on("end", () => {
      sink.received.push({ path: req.url ?? "", contentType: req.headers["content-type"], body: JSON.parse(data || "null") });
      res.statusCode = sink.respondWith;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/drp/status`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
