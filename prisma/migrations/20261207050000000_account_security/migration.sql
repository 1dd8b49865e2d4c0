-- Finding 8: after an admin resets a password the user must choose a new one before anything else.
ALTER TABLE "app_user" ADD COLUMN "must_change_password" BOOLEAN NOT NULL DEFAULT false;

-- Finding 7 (ASVS 2.6.2): recovery codes are now 25 base32 characters (125 bits) stored as salted
-- argon2id hashes. The old ones (10 hex characters = 40 bits, unsalted SHA-256) are invalidated:
-- their owners see "no recovery codes left" on /account/mfa and generate a new set there.
DELETE FROM "recovery_code" WHERE "code_hash" NOT LIKE '$argon2id$%';
