// The database is started by scripts/test.mjs (or given as DATABASE_URL); unit tests need none.
export default function setup() {}
