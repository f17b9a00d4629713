// The columns of the `spans` table (and of pinned_spans, created LIKE spans), in the order ingest
// COPYs them (lib/ingest/shared/copy-text.ts). Copies between the two tables name them, never rely
// on position, so a column added to both later cannot shift a copy.
export const SPAN_COLUMNS = [
  "start_time_unix_nano",
  "trace_id",
  "span_id",
  "parent_span_id",
  "duration_nano",
  "service_name",
  "name",
  "kind",
  "status_code",
  "status_message",
  "trace_state",
  "flags",
  "resource_id",
  "scope_name",
  "scope_version",
  "attributes",
  "events",
  "links",
  "dropped_attributes_count",
  "dropped_events_count",
  "dropped_links_count",
  "endpoint",
  "http_status_code",
  "cache_result",
] as const;

/** The column list for SQL text (a constant: no input reaches it). */
export const SPAN_COLUMN_LIST = SPAN_COLUMNS.join(", ");
