import type { AppContext } from "../context";
import { getDatamap } from "../datamap/get-datamap";

export interface BusinessProfile {
  name: string;
  privacyPolicyUrl: string;
  requestEmail: string;
}

/** The business answering requests, as consumers see it in pages and mail: the data map's `business` section. */
export async function getBusinessProfile(ctx: Pick<AppContext, "env">): Promise<BusinessProfile> {
  const { business } = (await getDatamap(ctx)).map;
  return { name: business.name, privacyPolicyUrl: business.privacyPolicyUrl, requestEmail: business.contactEmail };
}
