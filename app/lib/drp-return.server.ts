import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { resolveDrpReturn as resolve } from "../../server/drp/resolve-drp-return";
import { signedCookie } from "./session-cookie.server";

/** Long enough to finish verifying; the request's own deadline ends the link anyway. */
const RETURN_SECONDS = 24 * 60 * 60;

const ReturnSchema = z.strictObject({ requestId: z.string().regex(/^[0-9a-z]{26}$/), url: z.string().url().max(2048) });

/**
 * Where a consumer who came from an authorized agent's app goes back once verified (DRP 1.0
 * §3.04 `redirect_to`, checked by server/drp/resolve-drp-return.ts). Signed, so it cannot be
 * pointed elsewhere; it holds an agent's URL and a request id, no personal data.
 */
export type DrpReturnCookie = z.infer<typeof ReturnSchema>;

const getReturnCookie = (context: AppLoadContext) => signedCookie(context, "rtk_drp_return", { maxAgeSeconds: RETURN_SECONDS });

export async function readDrpReturn(request: Request, context: AppLoadContext): Promise<DrpReturnCookie | null> {
  const parsed = ReturnSchema.safeParse(await getReturnCookie(context).parse(request.headers.get("Cookie")));
  return parsed.success ? parsed.data : null;
}

export function commitDrpReturn(context: AppLoadContext, value: DrpReturnCookie): Promise<string> {
  return getReturnCookie(context).serialize(value);
}

export function clearDrpReturn(context: AppLoadContext): Promise<string> {
  return getReturnCookie(context).serialize("", { maxAge: 0, expires: new Date(0) });
}

/** server/drp/resolve-drp-return.ts for the request page (route modules reach the server through *.server files). */
export function resolveDrpReturn(context: AppLoadContext, input: Parameters<typeof resolve>[1]) {
  return resolve(context.app, input);
}
