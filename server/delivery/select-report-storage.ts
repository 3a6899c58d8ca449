import type { Env } from "../env";
import { createDatabaseReportStorage } from "./database-report-storage";
import { createDiskReportStorage } from "./disk-report-storage";
import type { ReportStorage, StorageKind } from "./report-storage";

/**
 * The backend for a kind: REPORT_STORAGE for new reports, a row's `storage` column for existing
 * ones (a deployment may switch from disk to database and still serve or purge older reports).
 */
export function selectReportStorage(env: Pick<Env, "DATA_DIR">, kind: string): ReportStorage {
  switch (kind as StorageKind) {
    case "disk":
      return createDiskReportStorage(env.DATA_DIR);
    case "database":
      return createDatabaseReportStorage();
    default:
      throw new Error(`unknown report storage kind: ${kind}`);
  }
}
