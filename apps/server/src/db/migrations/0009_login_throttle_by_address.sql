-- The login throttle counts failures per address and per (login, address) pair (issue 8).
CREATE INDEX IF NOT EXISTS "login_attempts_ip_at_idx" ON "login_attempts" USING btree ("ip","at");
