import type { AppLoadContext } from "@remix-run/node";

export interface BusinessSummary {
  name: string;
  privacyPolicyUrl: string;
  requestEmail: string;
}

/**
 * The business shown in the portal's chrome. Until the data map (docs/data-map.md) is loaded at
 * start-up this is the demo business, Parlay.
 */
export function getBusinessSummary(_context: AppLoadContext): BusinessSummary {
  return { name: "Parlay", privacyPolicyUrl: "https://parlay.example/legal/privacy#california", requestEmail: "privacy@parlay.example" };
}
