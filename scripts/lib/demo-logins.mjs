// Printed by npm start; kept in step with tests/factories/catalogue.ts DEMO_USERS (a unit test checks).
export const DEMO_LOGINS = [
  { username: "agent1", role: "agent, Hotline Team 1" },
  { username: "agent2", role: "agent, Hotline Team 2" },
  { username: "supervisor1", role: "supervisor, Hotline Team 1" },
  { username: "supervisor2", role: "supervisor, Hotline Team 2" },
  { username: "manager1", role: "manager" },
  { username: "manager2", role: "manager (approves manager1's campaigns)" },
  { username: "admin1", role: "admin" },
];
