-- The default policy "紧急或致命 Urgent or critical" matched the grade urgent only, so a critical (CR)
-- case graded general got priority P1 but regional deadlines. Conditions gained `anyOf` (at least one
-- of its lists must match); the policy as first start seeded it becomes grade urgent or severity CR,
-- and the open clocks of CR cases are recomputed by the next sweep. A policy the company changed
-- (other conditions or another name), or an install that already has a policy for CR, is left alone.
WITH widened AS (
  UPDATE "sla_policies"
     SET "conditions" = '{"anyOf": {"grades": ["urgent"], "severities": ["CR"]}}'::jsonb,
         "version" = "version" + 1,
         "updated_at" = now()
   WHERE "name" = '紧急或致命 Urgent or critical'
     AND "conditions" = '{"grades": ["urgent"]}'::jsonb
     AND NOT EXISTS (SELECT 1 FROM "sla_policies" p WHERE p."conditions" @> '{"severities": ["CR"]}'::jsonb)
  RETURNING "id"
)
UPDATE "case_clocks" k
   SET "stale" = true, "next_check_at" = now()
  FROM "cases" c
 WHERE c."id" = k."case_id"
   AND c."severity" = 'CR'
   AND k."stopped_at" IS NULL
   AND NOT k."stale"
   AND EXISTS (SELECT 1 FROM widened);
--> statement-breakpoint
-- The investigation report is reviewed by management (总经理室批示): who submitted it, and the review of
-- the report as submitted — who, when, accepted or returned, the instruction. Nobody reviews a report
-- they submitted. Reports submitted before take their submitter from the timeline.
ALTER TABLE "case_investigations" ADD COLUMN "report_submitted_by_id" uuid;--> statement-breakpoint
ALTER TABLE "case_investigations" ADD COLUMN "review_decision" text;--> statement-breakpoint
ALTER TABLE "case_investigations" ADD COLUMN "review_instruction" text;--> statement-breakpoint
ALTER TABLE "case_investigations" ADD COLUMN "reviewed_by_id" uuid;--> statement-breakpoint
ALTER TABLE "case_investigations" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_investigations" ADD CONSTRAINT "case_investigations_report_submitted_by_id_users_id_fk" FOREIGN KEY ("report_submitted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_investigations" ADD CONSTRAINT "case_investigations_reviewed_by_id_users_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_investigations" ADD CONSTRAINT "case_investigations_review_decision_check" CHECK (review_decision IS NULL OR review_decision IN ('accepted', 'returned'));--> statement-breakpoint
ALTER TABLE "case_investigations" ADD CONSTRAINT "case_investigations_review_check" CHECK ((review_decision IS NULL) = (reviewed_at IS NULL) AND (review_decision IS NULL OR report_submitted_at IS NOT NULL));--> statement-breakpoint
ALTER TABLE "case_investigations" ADD CONSTRAINT "case_investigations_not_self_review_check" CHECK (reviewed_by_id IS NULL OR report_submitted_by_id IS NULL OR reviewed_by_id <> report_submitted_by_id);--> statement-breakpoint
UPDATE "case_investigations" i
   SET "report_submitted_by_id" = (
     SELECT e."actor_id" FROM "case_events" e
      WHERE e."case_id" = i."case_id" AND e."kind" = 'investigation_reported'
      ORDER BY e."at" DESC, e."id" DESC LIMIT 1)
 WHERE i."report_submitted_at" IS NOT NULL;
