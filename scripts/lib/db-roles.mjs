// The two database roles (docs/operations.md, "Database roles"):
//   - the owner: runs the migrations and the seed, owns every table (MIGRATION_DATABASE_URL, or the
//     embedded server's `crm`);
//   - crm_app: what the app connects as (DATABASE_URL). It owns nothing and holds DML only; the
//     migration 20261207020000000_least_privilege_app_role creates it (NOLOGIN) and grants it.
// On a server of our own (the embedded default, the tests' throwaway one) the scripts give crm_app
// a login with a fresh random password at each start and hand the app its URL; an operator's
// server is left alone: the operator gives crm_app its login and password once.
import crypto from "node:crypto";
import pg from "pg";

export const APP_ROLE = "crm_app";

/**
 * Gives crm_app a login with a fresh random password (through the owner's connection; the role
 * exists once the migrations ran) and returns the app's URL: same server and database, as crm_app.
 */
export async function appRoleUrl(ownerUrl) {
  const password = crypto.randomBytes(24).toString("base64url");
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    await c.query(`ALTER ROLE ${APP_ROLE} LOGIN PASSWORD ${c.escapeLiteral(password)}`);
  } finally {
    await c.end();
  }
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = password;
  return url.toString();
}

/**
 * What is wrong with connecting the app as this URL's user, or null: a superuser, or the owner of
 * the tables, could rewrite or switch off the audit log (ALTER TABLE … DISABLE TRIGGER).
 */
export async function appRoleProblem(appUrl) {
  const c = new pg.Client({ connectionString: appUrl });
  await c.connect();
  try {
    const { rows } = await c.query(
      `SELECT current_user AS who, r.rolsuper AS superuser,
              EXISTS (SELECT 1 FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace) AS owner
       FROM pg_roles r WHERE r.rolname = current_user`,
    );
    const { who, superuser, owner } = rows[0];
    if (!superuser && !owner) return null;
    return (
      `DATABASE_URL connects as "${who}", ${superuser ? "a superuser" : "the owner of the tables"}: the app must connect as ${APP_ROLE}, ` +
      `which holds data rights only. Set MIGRATION_DATABASE_URL to this URL (migrations run as the owner) and DATABASE_URL to ` +
      `postgresql://${APP_ROLE}:<password>@<host>/<database> after, as a superuser: ALTER ROLE ${APP_ROLE} LOGIN PASSWORD '<password>'; ` +
      `(docs/operations.md, "Database roles").`
    );
  } finally {
    await c.end();
  }
}

/**
 * For scripts/start.mjs, after the migrations and the seed ran as the owner: the URL the app gets.
 * On our own embedded server, crm_app's (a fresh password each start). On an operator's server,
 * DATABASE_URL as given, once checked: connected as a superuser or the owner, production mode
 * refuses to start, demo mode warns.
 */
export async function appDatabaseUrl({ embedded, ownerUrl, appUrl, production }) {
  if (embedded) return appRoleUrl(ownerUrl);
  const problem = await appRoleProblem(appUrl);
  if (problem && production) throw new Error(problem);
  if (problem) console.warn(`\n!!! WARNING: ${problem}\n`);
  return appUrl;
}
