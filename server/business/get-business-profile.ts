import type { AppContext } from "../context";

export interface BusinessProfile {
  name: string;
  privacyPolicyUrl: string;
  requestEmail: string;
}

/**
 * The business answering requests, as consumers see it in pages and mail. Read from the data map's
 * `business` section once the map is loaded at start-up; the demo business until then.
 */
export function getBusinessProfile(_ctx: Pick<AppContext, "env">): BusinessProfile {
  return {
    name: "Parlay",
    privacyPolicyUrl: "https://parlay.example/legal/privacy#california",
    requestEmail: "privacy@parlay.example",
  };
}
