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
