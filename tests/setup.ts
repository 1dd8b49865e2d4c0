import { vi } from "vitest";

// `server-only` throws outside a Next.js server bundle; lib code imports it to stay off the client.
vi.mock("server-only", () => ({}));
