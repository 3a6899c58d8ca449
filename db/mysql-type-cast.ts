import type { TypeCast } from "mysql2";
import { canonicalJson } from "./open-postgres";
import { toDecimal } from "../server/connectors/to-decimal";
import { toIsoTime } from "../server/connectors/to-iso-time";

/**
 * MariaDB/MySQL values read as the other dialects hand them over (docs/decisions/023): DECIMAL
 * through toDecimal (mysql2 gives its text), DATETIME and TIMESTAMP as ISO 8601 UTC (the session
 * runs in UTC; DATETIME holds UTC by the sources' convention, ADR 002), a MariaDB JSON column as
 * canonical JSON text, as PostgreSQL's jsonb reads. Everything else as mysql2 reads it. The
 * portal's own tables hold none of these types (UTC times and JSON are text there, ADR 002).
 */
export const mysqlSourceTypeCast: TypeCast = (field, next) => {
  switch (field.type) {
    case "DECIMAL":
    case "NEWDECIMAL": {
      const text = field.string();
      return text === null ? null : toDecimal(text);
    }
    case "DATETIME":
    case "DATETIME2":
    case "TIMESTAMP":
    case "TIMESTAMP2": {
      const text = field.string();
      // "0000-00-00 00:00:00" (MySQL's zero date) is no instant: kept as held.
      return text === null ? null : (toIsoTime(text) ?? text);
    }
    case "JSON": {
      const text = field.string();
      return text === null ? null : canonicalJson(text);
    }
    default:
      if (field.extendedFormat === "json") {
        const text = field.string();
        return text === null ? null : canonicalJson(text);
      }
      return next();
  }
};
