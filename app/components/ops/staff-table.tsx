import { Form } from "@remix-run/react";
import type { StaffListRow } from "~/lib/staff-admin.server";
import { CsrfInput, type CsrfFieldData } from "./csrf-input";
import { ROLE_LABELS } from "./staff-labels";

function statusOf(person: StaffListRow): string {
  if (person.disabled) return "Disabled";
  return person.liveSessions > 0 ? `Active, signed in (${person.liveSessions})` : "Active";
}

/** Every staff account with its actions; a table on wide screens, cards on phones (ops.css). */
export function StaffTable({ staff, selfId, csrf, busy }: { staff: StaffListRow[]; selfId: string; csrf: CsrfFieldData; busy: boolean }) {
  return (
    <table className="staff-table">
      <caption className="visually-hidden">Staff accounts, their role, sign-in method and status</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">E-mail</th>
          <th scope="col">Role</th>
          <th scope="col">Two-step sign-in</th>
          <th scope="col">Status</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {staff.map((person) => (
          <tr key={person.id}>
            <th scope="row" data-label="Name">
              {person.name}
              {person.id === selfId ? " (you)" : ""}
            </th>
            <td data-label="E-mail" className="email">
              {person.email}
            </td>
            <td data-label="Role">{ROLE_LABELS[person.role]}</td>
            <td data-label="Two-step sign-in">{person.hasTotp ? "On" : "Off"}</td>
            <td data-label="Status" className={person.disabled ? "status-disabled" : undefined}>
              {statusOf(person)}
            </td>
            <td data-label="Actions" className="staff-actions-cell">
              {person.disabled ? null : (
                <div className="staff-actions">
                  <Form method="post">
                    <CsrfInput field={csrf} />
                    <input type="hidden" name="userId" value={person.id} />
                    <button type="submit" name="intent" value="revoke" disabled={busy} aria-label={`Sign ${person.name} out everywhere`}>
                      Sign out everywhere
                    </button>
                  </Form>
                  {person.id === selfId ? null : (
                    <Form method="post">
                      <CsrfInput field={csrf} />
                      <input type="hidden" name="userId" value={person.id} />
                      <button type="submit" name="intent" value="disable" className="danger" disabled={busy} aria-label={`Disable ${person.name}`}>
                        Disable
                      </button>
                    </Form>
                  )}
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
