/**
 * Staff roles and what each may do: role-based access control with typed permission strings, as
 * in the Epic Stack (`action:entity:access`). No Node imports: the UI may read these types.
 *
 * Access to request records is limited to privacy operations (11 CCR 7101(c); R39): every staff
 * permission is one of these, and every /ops loader and action checks the one it needs.
 */
export const STAFF_ROLES = ["reviewer", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

type Action = "view" | "review" | "release" | "deny" | "extend" | "manage" | "export";
type Entity = "request" | "report" | "staff" | "audit" | "metrics" | "connector";
/** "any": every row of the entity. "own" is reserved for rows assigned to the staff member. */
type Access = "any" | "own";
export type Permission = `${Action}:${Entity}:${Access}`;

/** What a reviewer does: work the queue (R42) and read the records that prove it was worked. */
const REVIEWER: readonly Permission[] = [
  "view:request:any",
  "review:request:any",
  "release:report:any",
  "deny:request:any",
  "extend:request:any",
  "view:audit:any",
  "export:metrics:any",
  "view:connector:any",
];

/** An admin also manages who has access and how the portal reaches the business's systems. */
const ADMIN: readonly Permission[] = [...REVIEWER, "manage:staff:any", "manage:connector:any"];

export const ROLE_PERMISSIONS: Readonly<Record<StaffRole, readonly Permission[]>> = {
  reviewer: REVIEWER,
  admin: ADMIN,
};

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === "string" && (STAFF_ROLES as readonly string[]).includes(value);
}

/**
 * @example hasPermission("reviewer", "manage:staff:any") // false
 */
export function hasPermission(role: StaffRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/**
 * Admins sign in with a second factor, always: they can create accounts and reach every system
 * the data map names. Reviewers may enrol too, but are not forced to (ADR 010).
 */
export function requiresTotp(role: StaffRole): boolean {
  return role === "admin";
}
