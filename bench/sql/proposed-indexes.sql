-- Index changes proposed from the 1M-case PostgreSQL benchmark (see bench/README.md, "Findings").
-- Apply to a seeded bench database to re-measure:  psql "$DATABASE_URL" -f bench/sql/proposed-indexes.sql
-- Undo with bench/sql/baseline-indexes.sql. In the product these belong in a migration (schema.ts + SQL).
SET maintenance_work_mem = '1GB';

-- 1. Sort-key indexes must match ORDER BY exactly. The lists sort by (created_at DESC, id DESC); the current
--    index is (created_at DESC, id ASC), so PostgreSQL cannot read the first page from it and sorts every
--    matching row instead (300–700 ms at 1M cases). Same mismatch for updated_at and received_at.
DROP INDEX IF EXISTS cases_created_idx;
CREATE INDEX cases_created_idx ON cases (created_at DESC, id DESC);
DROP INDEX IF EXISTS cases_updated_idx;
CREATE INDEX cases_updated_idx ON cases (updated_at DESC, id DESC);
DROP INDEX IF EXISTS cases_received_idx;
CREATE INDEX cases_received_idx ON cases (received_at DESC, id DESC);

-- 2. The open queue: status=open sorted by date or by priority, and its count (index-only scan over the
--    open cases instead of every case). The predicate is the exact text whereOf() emits for status=open.
CREATE INDEX IF NOT EXISTS cases_open_created_idx ON cases (created_at DESC, id DESC) WHERE status NOT IN ('closed', 'rejected');
CREATE INDEX IF NOT EXISTS cases_open_priority_idx ON cases (priority, created_at DESC, id DESC) WHERE status NOT IN ('closed', 'rejected');
CREATE INDEX IF NOT EXISTS cases_open_priority_desc_idx ON cases (priority DESC, created_at DESC, id DESC) WHERE status NOT IN ('closed', 'rejected');

-- 3. Counting type + severity filters without reading the table.
CREATE INDEX IF NOT EXISTS cases_severity_type_idx ON cases (severity, type);

ANALYZE cases;
