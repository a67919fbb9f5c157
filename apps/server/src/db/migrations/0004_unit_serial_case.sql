ALTER TABLE "units" DROP CONSTRAINT "units_serial_unique";--> statement-breakpoint
CREATE UNIQUE INDEX "units_serial_lower_idx" ON "units" USING btree (lower("serial"));