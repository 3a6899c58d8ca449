import type { DialectName } from "../../../db/client";

/**
 * Words that cannot stand unquoted as a table or column name in a CREATE INDEX, ALTER TABLE or
 * expression on at least one dialect. Read from the servers themselves (PostgreSQL 15's
 * pg_get_keywords(), MariaDB 10.11's information_schema.KEYWORDS, SQLite's keyword list: each word
 * tried as a table and a column in the statements find-unindexed-lookups prints), with the words
 * MySQL 8 reserves besides. One list for every dialect: quoting a word one dialect would have taken
 * bare costs nothing, and a name the map shares between dialects prints the same way.
 */
const RESERVED = new Set(
  (
    "accessible add all alter analyse analyze and any array as asc asensitive asymmetric authorization " +
    "autoincrement before between bigint binary blob both by call cascade case cast change char character " +
    "check collate collation column commit concurrently condition constraint continue convert create " +
    "cross cube cume_dist current_catalog current_date current_role current_schema current_time " +
    "current_timestamp current_user cursor databases day_hour day_microsecond day_minute day_second dec " +
    "decimal declare default deferrable delayed delete delete_domain_id dense_rank desc describe " +
    "deterministic distinct distinctrow div do do_domain_ids double drop dual each else elseif empty " +
    "enclosed end escape escaped except exists exit explain extract false fetch first_value float float4 " +
    "float8 for force foreign freeze from full fulltext function grant group grouping groups having " +
    "high_priority hour_microsecond hour_minute hour_second if ignore ignore_domain_ids ilike in index " +
    "infile initially inner inout insensitive insert int int1 int2 int3 int4 int8 integer intersect " +
    "interval into is isnull iterate join json_table key keys kill lag last_value lateral lead leading " +
    "leave left like limit linear lines load localtime localtimestamp lock long longblob longtext loop " +
    "low_priority manual master_demote_to_replica master_demote_to_slave master_ssl_verify_server_cert " +
    "match maxvalue mediumblob mediumint mediumtext middleint minute_microsecond minute_second mod " +
    "modifies natural no_write_to_binlog not nothing notnull nth_value ntile null numeric of offset on " +
    "only optimize optionally or order out outer outfile over overlaps page_checksum parallel " +
    "parse_vcol_expr partition percent_rank placing portion position precision primary procedure purge " +
    "qualify raise range rank read read_write reads real recursive ref_system_id references regexp " +
    "release rename repeat replace require resignal restrict return returning revoke right rlike row " +
    "row_number rows schemas second_microsecond select sensitive separator session_user set show signal " +
    "similar smallint some spatial specific sql sql_big_result sql_calc_found_rows sql_small_result " +
    "sqlexception sqlstate sqlwarning ssl starting stats_auto_recalc stats_persistent stats_sample_pages " +
    "straight_join substring symmetric system table tablesample terminated then tinyblob tinyint tinytext " +
    "to trailing transaction trigger trim true undo union unique unlock unsigned update usage use user " +
    "using utc_date utc_time utc_timestamp values varbinary varchar varcharacter variadic varying verbose " +
    "when where while window with write xor year_month zerofill"
  ).split(" "),
);

/**
 * A table or column name as a statement printed for a person to run must write it on `dialect`:
 * bare when it is a plain name no dialect reserves (and, on PostgreSQL, lower case: it folds bare
 * names), else quoted as the dialect quotes names (backticks on MySQL/MariaDB, double quotes
 * elsewhere). A table `order` or a column `group` gave statements that failed on every dialect.
 *
 * @example quoteSqlName("mysql", "order") // "`order`"
 * @example quoteSqlName("postgres", "CustomerEmail") // "\"CustomerEmail\""
 * @example quoteSqlName("sqlite", "email") // "email"
 */
export function quoteSqlName(dialect: DialectName, name: string): string {
  const plain = dialect === "postgres" ? /^[a-z_][a-z0-9_]*$/ : /^[A-Za-z_][A-Za-z0-9_]*$/;
  if (plain.test(name) && !RESERVED.has(name.toLowerCase())) return name;
  return dialect === "mysql" ? `\`${name.replaceAll("`", "``")}\`` : `"${name.replaceAll('"', '""')}"`;
}
