import type { Permission, StaffRole } from "~/lib/staff-session.server";

/** Plain words for each permission, for the overview page. */
export const PERMISSION_LABELS: Partial<Record<Permission, string>> = {
  "view:request:any": "See every request in the queue",
  "review:request:any": "Review requests and what will be disclosed",
  "release:report:any": "Release disclosures to consumers",
  "deny:request:any": "Deny requests, with a coded reason",
  "extend:request:any": "Extend a deadline once, with notice to the consumer",
  "view:audit:any": "Read the audit trail",
  "export:metrics:any": "Export request metrics and records",
  "view:connector:any": "See the connectors to the business's systems",
  "manage:staff:any": "Create and disable staff accounts, and end their sessions",
  "manage:connector:any": "Change connector settings",
};

export const ROLE_LABELS: Record<StaffRole, string> = {
  reviewer: "Reviewer",
  admin: "Administrator",
};
