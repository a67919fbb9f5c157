-- Nobody approves a disposition they proposed (issue 8): the proposer is kept on each approval
-- request and the database refuses a decision by them, as it already refuses one by the requester.
-- Rows from before keep their proposer unchecked (NOT VALID); every new or changed row is checked.
ALTER TABLE "disposition_approvals" ADD COLUMN "proposed_by_id" uuid;--> statement-breakpoint
ALTER TABLE "disposition_approvals" ADD CONSTRAINT "disposition_approvals_proposed_by_id_users_id_fk" FOREIGN KEY ("proposed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
UPDATE "disposition_approvals" a SET "proposed_by_id" = d."created_by_id" FROM "dispositions" d WHERE d."id" = a."disposition_id";--> statement-breakpoint
ALTER TABLE "disposition_approvals" ADD CONSTRAINT "disposition_approvals_not_proposer_check" CHECK (decided_by_id IS NULL OR proposed_by_id IS NULL OR decided_by_id <> proposed_by_id) NOT VALID;--> statement-breakpoint
-- A request whose amount or kind changed before the decision is superseded by a new one.
ALTER TABLE "disposition_approvals" DROP CONSTRAINT "disposition_approvals_status_check";--> statement-breakpoint
ALTER TABLE "disposition_approvals" ADD CONSTRAINT "disposition_approvals_status_check" CHECK (status IN ('pending', 'approved', 'refused', 'superseded'));
