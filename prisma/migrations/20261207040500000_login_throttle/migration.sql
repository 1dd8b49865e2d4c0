-- Failure counters of usernames that have no account (lib/auth/login.ts): they lock exactly like
-- accounts do, so the answers to a sign-in never tell whether a username exists. The key is an
-- HMAC of the username (people type passwords into the username field).
CREATE TABLE "login_throttle" (
    "key" TEXT NOT NULL,
    "failed_logins" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "login_throttle_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "login_throttle_updated_at_idx" ON "login_throttle"("updated_at");
