CREATE TABLE "approval_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"min_amount" numeric(14, 2) DEFAULT 0 NOT NULL,
	"max_amount" numeric(14, 2),
	"role_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "approval_rules_kind_check" CHECK (kind IN ('compensation', 'free_replacement', 'refund', 'goodwill')),
	CONSTRAINT "approval_rules_band_check" CHECK (max_amount IS NULL OR max_amount > min_amount)
);
--> statement-breakpoint
CREATE TABLE "case_costs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"disposition_id" uuid,
	"category" text NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"description" text,
	"bearer" text NOT NULL,
	"department_id" uuid,
	"external_party" text,
	"incurred_on" date NOT NULL,
	"recovered_amount" numeric(14, 2) DEFAULT 0 NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_costs_category_check" CHECK (category IN ('parts', 'labour', 'travel', 'freight', 'compensation', 'scrap')),
	CONSTRAINT "case_costs_bearer_check" CHECK (bearer IN ('department', 'supplier', 'carrier', 'customer')),
	CONSTRAINT "case_costs_amount_check" CHECK (amount > 0 AND recovered_amount >= 0 AND recovered_amount <= amount)
);
--> statement-breakpoint
CREATE TABLE "case_investigations" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"facts" text DEFAULT '' NOT NULL,
	"five_whys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fishbone" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"root_cause_6m" text,
	"root_cause" text,
	"appraisal_required" boolean DEFAULT false NOT NULL,
	"appraisal_report" text,
	"appraised_at" timestamp with time zone,
	"report_due_at" timestamp with time zone,
	"report_submitted_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disposition_approvals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"disposition_id" uuid NOT NULL,
	"required_role" text NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by_id" uuid,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"note" text,
	CONSTRAINT "disposition_approvals_status_check" CHECK (status IN ('pending', 'approved', 'refused')),
	CONSTRAINT "disposition_approvals_not_self_check" CHECK (decided_by_id IS NULL OR decided_by_id <> requested_by_id)
);
--> statement-breakpoint
CREATE TABLE "dispositions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"details" jsonb NOT NULL,
	"approval_kind" text,
	"amount" numeric(14, 2),
	"requires_approval" boolean DEFAULT false NOT NULL,
	"customer_decision" text DEFAULT 'pending' NOT NULL,
	"warranty" jsonb,
	"signature" jsonb,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "dispositions_number_unique" UNIQUE("number"),
	CONSTRAINT "dispositions_kind_check" CHECK (kind IN ('explanation', 'repair', 'replacement', 'refund', 'rma', 'spare_parts', 'service_order', 'compensation')),
	CONSTRAINT "dispositions_status_check" CHECK (status IN ('proposed', 'awaiting_approval', 'approved', 'in_progress', 'done', 'refused', 'cancelled')),
	CONSTRAINT "dispositions_customer_decision_check" CHECK (customer_decision IN ('pending', 'accepted', 'refused'))
);
--> statement-breakpoint
CREATE TABLE "warranty_terms" (
	"category" text PRIMARY KEY NOT NULL,
	"terms" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_costs" ADD CONSTRAINT "case_costs_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_costs" ADD CONSTRAINT "case_costs_disposition_id_dispositions_id_fk" FOREIGN KEY ("disposition_id") REFERENCES "public"."dispositions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_costs" ADD CONSTRAINT "case_costs_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_costs" ADD CONSTRAINT "case_costs_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_investigations" ADD CONSTRAINT "case_investigations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposition_approvals" ADD CONSTRAINT "disposition_approvals_disposition_id_dispositions_id_fk" FOREIGN KEY ("disposition_id") REFERENCES "public"."dispositions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposition_approvals" ADD CONSTRAINT "disposition_approvals_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposition_approvals" ADD CONSTRAINT "disposition_approvals_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approval_rules_kind_idx" ON "approval_rules" USING btree ("kind","min_amount");--> statement-breakpoint
CREATE INDEX "case_costs_case_idx" ON "case_costs" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_costs_month_idx" ON "case_costs" USING btree ("incurred_on");--> statement-breakpoint
CREATE INDEX "disposition_approvals_pending_idx" ON "disposition_approvals" USING btree ("required_role") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "disposition_approvals_disposition_idx" ON "disposition_approvals" USING btree ("disposition_id");--> statement-breakpoint
CREATE INDEX "dispositions_case_idx" ON "dispositions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "dispositions_open_idx" ON "dispositions" USING btree ("kind","status") WHERE status NOT IN ('done', 'refused', 'cancelled');--> statement-breakpoint
-- Existing installations: the system roles get the permissions new ones get at bootstrap.
UPDATE "roles" r SET "permissions" = ARRAY(SELECT DISTINCT unnest(r."permissions" || p.extra))
  FROM (VALUES
    ('administrator', ARRAY['dispositions:write', 'responsibility:decide', 'costs:read', 'approvals:manage']),
    ('manager', ARRAY['dispositions:write', 'responsibility:decide', 'costs:read']),
    ('agent', ARRAY['dispositions:write']),
    ('quality_engineer', ARRAY['dispositions:write', 'responsibility:decide'])
  ) AS p(code, extra)
 WHERE r."code" = p.code AND r."is_system";
--> statement-breakpoint
-- Default approval matrix (核决权限): manager up to ¥1,000, deputy GM up to ¥10,000, GM above.
INSERT INTO "approval_rules" ("kind", "min_amount", "max_amount", "role_code")
SELECT k.kind, b.min_amount, b.max_amount, b.role_code
  FROM (VALUES ('compensation'), ('free_replacement'), ('refund'), ('goodwill')) AS k(kind)
 CROSS JOIN (VALUES (0::numeric, 1000::numeric, 'manager'), (1000, 10000, 'deputy_gm'), (10000, NULL, 'gm')) AS b(min_amount, max_amount, role_code);
