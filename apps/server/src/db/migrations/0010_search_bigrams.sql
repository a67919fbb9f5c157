-- Two-character Chinese terms (漏油, 异响) have no trigram, so the pg_trgm index cannot find them and
-- a search scanned every case. cases.search_bigrams holds the distinct two-character pieces of
-- search_text that contain a non-ASCII character (lower-cased); a GIN index over it answers "has
-- every bigram of the term", and the text itself confirms the substring. ASCII terms keep pg_trgm.
-- plpgsql with one embedded query: its plan is cached per session (a LANGUAGE sql function called from the
-- trigger would be planned again for every row).
CREATE FUNCTION search_bigrams(t text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  result text[];
BEGIN
  SELECT coalesce(array_agg(DISTINCT g), '{}'::text[]) INTO result
    FROM (SELECT substr(l, i, 2) AS g FROM (SELECT lower(t) AS l) s, generate_series(1, char_length(l) - 1) AS i) x
   WHERE octet_length(g) > 2;
  RETURN result;
END
$$;
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "search_bigrams" text[] DEFAULT '{}'::text[] NOT NULL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cases_set_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_text := cases_search_text(NEW);
  NEW.search_bigrams := search_bigrams(NEW.search_text);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION customers_refresh_case_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases c SET search_text = cases_search_text(c), search_bigrams = search_bigrams(cases_search_text(c)) WHERE c.customer_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
UPDATE "cases" SET "search_bigrams" = search_bigrams("search_text") WHERE "search_text" <> '';
--> statement-breakpoint
CREATE INDEX "cases_search_bigrams_idx" ON "cases" USING gin ("search_bigrams");
