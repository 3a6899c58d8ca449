import type { AppContext } from "../context";
import { AppError } from "../lib/errors";
import { buildRenderJob } from "../pipeline/pipeline-jobs";
import { findRequestById } from "../requests/requests.repository";
import { transitionRequest } from "../requests/transition-request";
import type { Permission } from "../staff/permissions.shared";

export interface ApproveDisclosureInput {
  requestId: string;
  staff: { id: string; permissions: readonly Permission[] };
  /** The version the reviewer saw (after their last withholding). */
  expectedVersion: number;
}

/**
 * Approve and release: in_review -> approved, with the render job committed in the same
 * transaction (render_disclosure then applies the request's withholdings). Needs
 * release:report:any, checked here as well as in the route.
 *
 * Throws AppError: forbidden, plus transitionRequest's not_found, conflict, illegal_transition.
 */
export async function approveDisclosure(ctx: AppContext, input: ApproveDisclosureInput): Promise<{ version: number }> {
  if (!input.staff.permissions.includes("release:report:any")) throw new AppError("forbidden");
  const row = await findRequestById(ctx.db, input.requestId);
  if (!row) throw new AppError("not_found");
  // Only a reviewed disclosure is released here; the version check below makes this race-safe.
  if (row.state !== "in_review") throw new AppError("illegal_transition", { from: row.state, to: "approved" });
  const result = await transitionRequest(ctx, {
    requestId: input.requestId,
    to: "approved",
    actor: { kind: "staff", id: input.staff.id },
    expectedVersion: input.expectedVersion,
    jobs: [buildRenderJob(input.requestId, input.expectedVersion + 1)],
  });
  return { version: result.version };
}
