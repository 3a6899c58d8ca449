import type { AppContext } from "../context";
import { enqueueJob } from "../jobs/enqueue-job";
import { findRequestById } from "../requests/requests.repository";
import { buildDrpStatus } from "./build-drp-status";
import { findDrpRequest, setDrpCallbackQueued } from "./drp-requests.repository";

/**
 * Called inside the transaction of every request change (state or deadline) of a DRP request:
 * queues the status as it now stands for the agent's status_callback (DRP 1.0 §2.03 "on every
 * change"), so a callback exists if and only if the change is committed. One job per change
 * (`changeId` = the request event), so a retried transaction queues it once. No callback URL,
 * no job: such an agent polls.
 *
 * A change the agent cannot see queues nothing: when the status is exactly the one last queued
 * (verified -> collecting, in_review -> approved are all "in_progress" with one text), there is
 * no DRP change to report (issue 16 item 7). The change is recorded on the DRP row, so an older
 * callback still waiting for a retry knows it is superseded (post-drp-status-callback.ts).
 */
export async function enqueueDrpStatusCallback(tx: AppContext, input: { requestId: string; changeId: string }): Promise<void> {
  const drp = await findDrpRequest(tx.db, input.requestId);
  if (!drp?.status_callback) return;
  const request = await findRequestById(tx.db, input.requestId);
  if (!request) return;
  const status = buildDrpStatus({ request, drp, publicUrl: tx.env.PUBLIC_URL, retentionDays: tx.env.REPORT_RETENTION_DAYS });
  const serialized = JSON.stringify(status);
  if (serialized === drp.callback_status) return;
  await setDrpCallbackQueued(tx.db, input.requestId, { changeId: input.changeId, status: serialized });
  await enqueueJob(tx, {
    kind: "drp_status_callback",
    payload: { requestId: input.requestId, changeId: input.changeId, status },
    idempotencyKey: `drp_status_callback:${input.requestId}:${input.changeId}`,
  });
}
