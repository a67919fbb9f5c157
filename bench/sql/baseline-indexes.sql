-- Put the cases indexes back as migration 0001 creates them (undoes proposed-indexes.sql).
SET maintenance_work_mem = '1GB';
DROP INDEX IF EXISTS cases_open_created_idx;
DROP INDEX IF EXISTS cases_open_priority_idx;
DROP INDEX IF EXISTS cases_open_priority_desc_idx;
DROP INDEX IF EXISTS cases_severity_type_idx;
DROP INDEX IF EXISTS cases_created_idx;
CREATE INDEX cases_created_idx ON cases USING btree (created_at DESC NULLS LAST, id);
DROP INDEX IF EXISTS cases_updated_idx;
CREATE INDEX cases_updated_idx ON cases USING btree (updated_at DESC NULLS LAST, id);
DROP INDEX IF EXISTS cases_received_idx;
CREATE INDEX cases_received_idx ON cases USING btree (received_at DESC NULLS LAST);
ANALYZE cases;
