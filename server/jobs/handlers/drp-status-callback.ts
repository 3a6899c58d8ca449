import type { AppContext } from "../../context";
import { postDrpStatusCallback } from "../../drp/post-drp-status-callback";
import type { DrpStatusCallbackPayload } from "../job-payloads";
import type { JobRunContext } from "../job-types";

/** The drp_status_callback job: one status change POSTed to a DRP agent (idempotent per change). */
export async function handleDrpStatusCallback(ctx: AppContext, payload: DrpStatusCallbackPayload, run: JobRunContext): Promise<void> {
  await postDrpStatusCallback(ctx, payload, run);
}
