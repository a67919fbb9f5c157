-- cases.search_text is what text search matches (trigram index): number, title, description,
-- serial, order and batch numbers, and the customer's names. Triggers keep it true for every
-- write path (API, imports, bulk loads) and when a customer is renamed.
CREATE FUNCTION cases_search_text(c cases) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT concat_ws(' ', c.number, c.title, c.description, c.serial_no, c.order_no, c.batch_no, c.part_no,
    (SELECT concat_ws(' ', cu.name, cu.name_en, cu.code) FROM customers cu WHERE cu.id = c.customer_id))
$$;
--> statement-breakpoint
CREATE FUNCTION cases_set_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_text := cases_search_text(NEW);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER cases_search_text_trg BEFORE INSERT OR UPDATE OF number, title, description, serial_no, order_no, batch_no, part_no, customer_id
  ON cases FOR EACH ROW EXECUTE FUNCTION cases_set_search_text();
--> statement-breakpoint
CREATE FUNCTION customers_refresh_case_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases c SET search_text = cases_search_text(c) WHERE c.customer_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER customers_case_search_text_trg AFTER UPDATE OF name, name_en ON customers
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.name_en IS DISTINCT FROM NEW.name_en)
  EXECUTE FUNCTION customers_refresh_case_search_text();
