import { parseArgs } from "node:util";
import { bootstrap } from "../bootstrap";
import { CREATE_USER_USAGE } from "../cli-usage";
import { parseEnv } from "../env";
import { isAppError } from "../lib/errors";
import { createStaffUser } from "./create-staff-user";
import { generateTemporaryPassword } from "./generate-temporary-password";
import { isStaffRole, requiresTotp } from "./permissions.shared";

/**
 * `rtk ops create-user`: the way to make the first admin in production (the demo accounts exist
 * only outside production). Asks nothing, so it works in scripts; prints a generated password
 * once, to the terminal only (it is neither stored nor logged).
 */
export async function runCreateUserCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } }, strict: true });
  if (!values.email || !isStaffRole(values.role)) {
    console.error(`Usage: ${CREATE_USER_USAGE}`);
    process.exitCode = 2;
    return;
  }
  const ctx = await bootstrap(parseEnv());
  const password = generateTemporaryPassword();
  try {
    const user = await createStaffUser(ctx, {
      email: values.email,
      // The name is for the audit page and the console; the part before "@" will do until they change it.
      name: values.name ?? values.email.split("@")[0]!,
      role: values.role,
      password,
      actor: { kind: "system", id: null },
    });
    console.log(`Created ${user.role} ${user.email}.`);
    console.log(`Temporary password (shown once, not stored): ${password}`);
    if (requiresTotp(user.role)) console.log("Administrators must enrol an authenticator app (TOTP) at their first sign-in at /ops/login.");
  } catch (error) {
    if (!isAppError(error, "validation")) throw error;
    const fields = Array.isArray(error.details.fields) ? error.details.fields.join(", ") : "input";
    console.error(error.details.reason === "taken" ? "rtk: a staff account with that e-mail already exists" : `rtk: invalid ${fields}`);
    process.exitCode = 1;
  } finally {
    await ctx.db.destroy();
  }
}
