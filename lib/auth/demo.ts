// The demo seed's shared password, shown on the login page of demo installations.
export const DEMO_PASSWORD = "Demo@2026";
