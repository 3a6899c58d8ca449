import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { ChoiceGroup } from "~/components/ops/choice-group";
import { CsrfInput } from "~/components/ops/csrf-input";
import { Field } from "~/components/ops/field";
import { IntakeErrorSummary, intakeError } from "~/components/ops/intake-errors";
import { OpsErrorBoundary } from "~/components/ops/ops-error-boundary";
import { CHANNEL_LABELS, LANGUAGE_LABELS, PERIOD_LABELS, TYPE_LABELS, label } from "~/components/ops/request-labels";
import { assertCsrf } from "~/lib/csrf.server";
import { intakeOptions, recordIntakeForOps } from "~/lib/ops-intake.server";
import { NO_STORE, requireStaff } from "~/lib/staff-session.server";
import type { loader as opsLoader } from "./ops";
import { readForm } from "~/lib/read-form.server";

export const meta: MetaFunction = () => [{ title: "Record a request: privacy operations" }, { name: "robots", content: "noindex" }];

// Recording an off-channel request is part of working the queue: the reviewer permission.
const PERMISSION = "review:request:any";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, PERMISSION);
  return intakeOptions();
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, PERMISSION);
  const form = await readForm(request);
  await assertCsrf(request, context, form);
  const outcome = await recordIntakeForOps(context.app, staff, form);
  if (outcome.ok) throw redirect(`/ops/requests/${outcome.requestId}?recorded=1`, { headers: NO_STORE });
  return data(outcome, { status: 400 });
}

export default function RecordRequest() {
  const { channels, types, periods, languages, today } = useLoaderData<typeof loader>();
  const csrf = useRouteLoaderData<typeof opsLoader>("routes/ops")?.csrf ?? { name: "csrf", value: "" };
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = result && !result.ok ? result.errors : {};
  const values = result && !result.ok ? result.values : {};
  const options = (codes: string[], labels: Record<string, string>) => codes.map((c) => ({ value: c, label: label(labels, c) }));
  return (
    <>
      <p className="breadcrumb">
        <Link to="/ops/requests">Request queue</Link>
      </p>
      <h1>Record a request</h1>
      <p className="lead">
        For a request that reached us by phone, by mail or by e-mail. The 45 days run from when we received it, so enter that time, not now. The
        consumer then gets the receipt confirmation and verifies their identity through the portal as usual.
      </p>
      <IntakeErrorSummary errors={errors} />
      <Form method="post" noValidate className="panel intake-form">
        <CsrfInput field={csrf} />
        <ChoiceGroup legend="How it reached us" id="channel" name="channel" options={options(channels, CHANNEL_LABELS)} defaultValue={values.channel} error={intakeError(errors, "channel")} />
        <fieldset>
          <legend>When we received it (Pacific time)</legend>
          <Field
            label="Date received"
            name="receivedDate"
            id="receivedDate"
            type="date"
            max={today}
            required
            defaultValue={values.receivedDate}
            hint="The day of the call, the day the letter arrived, or the day the e-mail came in."
            error={intakeError(errors, "receivedDate")}
          />
          <Field
            label="Time received (optional)"
            name="receivedTime"
            id="receivedTime"
            type="time"
            defaultValue={values.receivedTime}
            hint="24-hour clock. Leave empty if unknown: the start of the day is used, which never moves the due date later."
            error={intakeError(errors, "receivedTime")}
          />
        </fieldset>
        <ChoiceGroup
          legend="What they asked for"
          id="type" name="type"
          defaultValue={values.type ?? "categories"}
          error={intakeError(errors, "type")}
          options={types.map((t) => ({
            value: t,
            label: label(TYPE_LABELS, t),
            hint: t === "specific" ? "Copies of the information itself; needs stronger verification." : "What kinds of information we hold, where from and why.",
          }))}
        />
        <ChoiceGroup legend="Period" id="period" name="period" defaultValue={values.period ?? "12_months"} options={options(periods, PERIOD_LABELS)} error={intakeError(errors, "period")} />
        <ChoiceGroup legend="Language for our replies" id="language" name="language" defaultValue={values.language ?? "en"} options={options(languages, LANGUAGE_LABELS)} error={intakeError(errors, "language")} />
        <ChoiceGroup
          legend="Did they say they live in California?"
          id="californiaResident" name="californiaResident"
          defaultValue={values.californiaResident}
          error={intakeError(errors, "californiaResident")}
          options={[
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
            { value: "not_asked", label: "Not asked" },
          ]}
        />
        <fieldset>
          <legend>The consumer</legend>
          <Field label="Full name" name="name" id="name" autoComplete="off" required maxLength={200} defaultValue={values.name} error={intakeError(errors, "name")} />
          <Field
            label="E-mail address"
            name="email"
            id="email"
            type="text"
            inputMode="email"
            spellCheck={false}
            autoComplete="off"
            required
            defaultValue={values.email}
            hint="Needed: the consumer confirms their identity with a code sent here, and our replies go here."
            error={intakeError(errors, "email")}
          />
          <Field label="Phone (optional)" name="phone" id="phone" type="tel" autoComplete="off" defaultValue={values.phone} error={intakeError(errors, "phone")} />
        </fieldset>
        <button type="submit" className="primary" disabled={busy}>
          Record request
        </button>
      </Form>
    </>
  );
}

export const ErrorBoundary = OpsErrorBoundary;
