import type { AppContext } from "../../context";
import { sendTemplatedMail } from "../../mail/send-templated-mail";
import type { SendMailPayload } from "../job-payloads";

/** The send_mail job: one lifecycle notice about one request (idempotent per template and request). */
export async function handleSendMail(ctx: AppContext, payload: SendMailPayload): Promise<void> {
  await sendTemplatedMail(ctx, payload);
}
