DROP INDEX "cases_created_idx";--> statement-breakpoint
DROP INDEX "cases_updated_idx";--> statement-breakpoint
DROP INDEX "cases_received_idx";--> statement-breakpoint
CREATE INDEX "cases_open_created_idx" ON "cases" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE status NOT IN ('closed', 'rejected');--> statement-breakpoint
CREATE INDEX "cases_open_priority_idx" ON "cases" USING btree ("priority","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE status NOT IN ('closed', 'rejected');--> statement-breakpoint
CREATE INDEX "cases_open_priority_desc_idx" ON "cases" USING btree ("priority" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE status NOT IN ('closed', 'rejected');--> statement-breakpoint
CREATE INDEX "cases_severity_type_idx" ON "cases" USING btree ("severity","type");--> statement-breakpoint
CREATE INDEX "cases_created_idx" ON "cases" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "cases_updated_idx" ON "cases" USING btree ("updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "cases_received_idx" ON "cases" USING btree ("received_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);