import type { Migration } from "kysely";
import * as m2026_11_29_0900 from "./migrations/2026_11_29_0900_create_requests";
import * as m2026_11_29_0901 from "./migrations/2026_11_29_0901_create_request_events";
import * as m2026_11_29_0902 from "./migrations/2026_11_29_0902_create_verification_challenges";
import * as m2026_11_29_0903 from "./migrations/2026_11_29_0903_create_verification_evidence";
import * as m2026_11_29_0904 from "./migrations/2026_11_29_0904_create_consumer_sessions";
import * as m2026_11_29_0905 from "./migrations/2026_11_29_0905_create_agents";
import * as m2026_11_29_0906 from "./migrations/2026_11_29_0906_create_authorizations";
import * as m2026_11_29_0907 from "./migrations/2026_11_29_0907_create_staff_users";
import * as m2026_11_29_0908 from "./migrations/2026_11_29_0908_create_staff_sessions";
import * as m2026_11_29_0909 from "./migrations/2026_11_29_0909_create_jobs";
import * as m2026_11_29_0910 from "./migrations/2026_11_29_0910_create_reports";
import * as m2026_11_29_0911 from "./migrations/2026_11_29_0911_create_report_chunks";
import * as m2026_11_29_0912 from "./migrations/2026_11_29_0912_create_audit_events";
import * as m2026_11_29_1000 from "./migrations/2026_11_29_1000_create_download_links";
import * as m2026_11_29_1010 from "./migrations/2026_11_29_1010_create_rate_limit_hits";
import * as m2026_11_29_1020 from "./migrations/2026_11_29_1020_alter_staff_for_totp";
import * as m2026_11_29_1100 from "./migrations/2026_11_29_1100_create_review_withholdings";
import * as m2026_11_29_1200 from "./migrations/2026_11_29_1200_create_source_runs";
import * as m2026_12_03_1000 from "./migrations/2026_12_03_1000_alter_agents_for_sign_in";
import * as m2026_12_03_1010 from "./migrations/2026_12_03_1010_create_agent_sessions";
import * as m2026_12_03_1020 from "./migrations/2026_12_03_1020_create_agent_tokens";
import * as m2026_12_03_1030 from "./migrations/2026_12_03_1030_alter_authorizations_for_release";
import * as m2026_12_03_1100 from "./migrations/2026_12_03_1100_create_drp_tokens";
import * as m2026_12_03_1101 from "./migrations/2026_12_03_1101_create_drp_replays";
import * as m2026_12_03_1102 from "./migrations/2026_12_03_1102_create_drp_requests";
import * as m2026_12_06_1200 from "./migrations/2026_12_06_1200_add_request_search_keys";
import * as m2026_12_06_2200 from "./migrations/2026_12_06_2200_alter_review_withholdings_add_match_text";
import * as m2026_12_07_0100 from "./migrations/2026_12_07_0100_alter_drp_requests_add_callback_state";
import * as m2026_12_07_0300 from "./migrations/2026_12_07_0300_create_sign_in_throttles";
import * as m2026_12_07_0310 from "./migrations/2026_12_07_0310_create_mail_sends";
import * as m2026_12_07_0400 from "./migrations/2026_12_07_0400_drop_unused_sign_in_counters";

// A static list, not FileMigrationProvider: it works under tsx, Vitest and the Remix bundle alike
// (stack-notes §2). Append new migrations at the end; never edit or reorder a merged one.
export const migrations: Record<string, Migration> = {
  "2026_11_29_0900_create_requests": m2026_11_29_0900,
  "2026_11_29_0901_create_request_events": m2026_11_29_0901,
  "2026_11_29_0902_create_verification_challenges": m2026_11_29_0902,
  "2026_11_29_0903_create_verification_evidence": m2026_11_29_0903,
  "2026_11_29_0904_create_consumer_sessions": m2026_11_29_0904,
  "2026_11_29_0905_create_agents": m2026_11_29_0905,
  "2026_11_29_0906_create_authorizations": m2026_11_29_0906,
  "2026_11_29_0907_create_staff_users": m2026_11_29_0907,
  "2026_11_29_0908_create_staff_sessions": m2026_11_29_0908,
  "2026_11_29_0909_create_jobs": m2026_11_29_0909,
  "2026_11_29_0910_create_reports": m2026_11_29_0910,
  "2026_11_29_0911_create_report_chunks": m2026_11_29_0911,
  "2026_11_29_0912_create_audit_events": m2026_11_29_0912,
  "2026_11_29_1000_create_download_links": m2026_11_29_1000,
  "2026_11_29_1010_create_rate_limit_hits": m2026_11_29_1010,
  "2026_11_29_1020_alter_staff_for_totp": m2026_11_29_1020,
  "2026_11_29_1100_create_review_withholdings": m2026_11_29_1100,
  "2026_11_29_1200_create_source_runs": m2026_11_29_1200,
  "2026_12_03_1000_alter_agents_for_sign_in": m2026_12_03_1000,
  "2026_12_03_1010_create_agent_sessions": m2026_12_03_1010,
  "2026_12_03_1020_create_agent_tokens": m2026_12_03_1020,
  "2026_12_03_1030_alter_authorizations_for_release": m2026_12_03_1030,
  "2026_12_03_1100_create_drp_tokens": m2026_12_03_1100,
  "2026_12_03_1101_create_drp_replays": m2026_12_03_1101,
  "2026_12_03_1102_create_drp_requests": m2026_12_03_1102,
  "2026_12_06_1200_add_request_search_keys": m2026_12_06_1200,
  "2026_12_06_2200_alter_review_withholdings_add_match_text": m2026_12_06_2200,
  "2026_12_07_0100_alter_drp_requests_add_callback_state": m2026_12_07_0100,
  "2026_12_07_0300_create_sign_in_throttles": m2026_12_07_0300,
  "2026_12_07_0310_create_mail_sends": m2026_12_07_0310,
  "2026_12_07_0400_drop_unused_sign_in_counters": m2026_12_07_0400,
};
