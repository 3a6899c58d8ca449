import type { AppLoadContext } from "@remix-run/node";
import { getBusinessProfile, type BusinessProfile } from "../../server/business/get-business-profile";

export type BusinessSummary = BusinessProfile;

export function getBusinessSummary(context: AppLoadContext): Promise<BusinessSummary> {
  return getBusinessProfile(context.app);
}
