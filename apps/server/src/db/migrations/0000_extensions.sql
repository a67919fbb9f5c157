-- pg_trgm powers substring search over case and customer text (Chinese included).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
