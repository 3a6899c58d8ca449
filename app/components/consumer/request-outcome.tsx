import { useTranslation } from "~/i18n/use-translation";

interface OutcomeProps {
  state: string;
  type: string;
  denialReason: string | null;
  denialText: { because?: string; quote?: string } | null;
  downgraded: boolean;
  nonResident: boolean;
  business: { privacyPolicyUrl: string; requestEmail: string };
}

/**
 * The canonical messages a requester must read (ccpa-requirements §6): M-UNV-SP when specific
 * pieces were refused (11 CCR 7062(f); X1), M-UNV-CAT with the privacy policy when nothing could
 * be verified (7024(b); X2), M-NOT-CONSUMER for a non-resident (R1), and the basis of any other
 * denial (R35, R36). None says which detail failed or whether we hold a record (X25).
 */
export function RequestOutcome({ state, type, denialReason, denialText, downgraded, nonResident, business }: OutcomeProps) {
  const { t } = useTranslation();
  const practices = (
    <p>
      {t("outcome.practices")} <a href={business.privacyPolicyUrl}>{t("common.privacyPolicy")}</a>
    </p>
  );
  const again = (
    <p>
      {t("outcome.tryAgain", { email: business.requestEmail })} <a href="/request">{t("status.newRequest")}</a>
    </p>
  );
  if (state === "denied" && denialReason === "unverifiable") {
    return (
      <div className="outcome outcome-stop" role="status">
        <h2>{t("outcome.unverifiedTitle")}</h2>
        <p>{type === "specific" ? t("outcome.unverifiedSpecific") : t("outcome.unverifiedCategories")}</p>
        {practices}
        {again}
      </div>
    );
  }
  if (state === "denied" && denialReason === "not_a_consumer") {
    return (
      <div className="outcome outcome-stop" role="status">
        <h2>{t("outcome.notConsumerTitle")}</h2>
        <p>{t("outcome.notConsumerDecline")}</p>
        {practices}
      </div>
    );
  }
  if (state === "denied") {
    return (
      <div className="outcome outcome-stop" role="status">
        <h2>{t("outcome.deniedTitle")}</h2>
        {denialText?.quote ? (
          <>
            <p>{t("outcome.deniedQuoted")}</p>
            <blockquote className="staff-reason">{denialText.quote}</blockquote>
            <p>{t("outcome.reconsider")}</p>
          </>
        ) : (
          <p>
            {t("outcome.denied", { reason: denialText?.because ?? "" })} {t("outcome.reconsider")}
          </p>
        )}
        {practices}
      </div>
    );
  }
  if (!downgraded && !nonResident) return null;
  return (
    <>
      {downgraded ? (
        <div className="outcome outcome-info" role="status">
          <h2>{t("outcome.downgradedTitle")}</h2>
          <p>{t("outcome.downgraded")}</p>
        </div>
      ) : null}
      {nonResident ? (
        <div className="outcome outcome-info">
          <h2>{t("outcome.notConsumerTitle")}</h2>
          <p>{t("outcome.notConsumerProcess")}</p>
        </div>
      ) : null}
    </>
  );
}
