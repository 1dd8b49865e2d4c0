// No PII in application logs: run the journeys (login attempts with phone numbers as usernames,
// searches by number and ID, the 360 view, admin changes, failures whose messages quote the
// input) at debug level with console output captured, then scan it for phone and ID numbers.
import { describe, test, expect, vi } from "vitest";
import { db } from "@/lib/db";
import { authenticate } from "@/lib/auth/login";
import { searchCustomers, getCustomer360 } from "@/lib/customers/queries";
import { toActionError } from "@/lib/shared/action-result";
import { logger } from "@/lib/shared/logger";
import { createUser } from "@/lib/users/commands";
import { actorFor } from "./helpers";
import { createCustomer, newIdNumber } from "@/tests/factories/customers";

const PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const NATIONAL_ID = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/;

describe("application logs carry no PII", () => {
  test("journeys at debug level log no phone or national ID number", async () => {
    const lines: string[] = [];
    const capture = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
    const spies = [
      vi.spyOn(console, "log").mockImplementation(capture),
      vi.spyOn(console, "error").mockImplementation(capture),
      vi.spyOn(console, "warn").mockImplementation(capture),
      vi.spyOn(console, "info").mockImplementation(capture),
    ];
    const level = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = "debug";
    try {
      const agent = await actorFor("agent1");
      const admin = await actorFor("admin1");
      const idNumber = newIdNumber();
      const { line } = await createCustomer({ idNumber });

      await authenticate({ username: line.msisdn, password: idNumber, ip: "198.51.100.20" });
      await searchCustomers(agent, { q: line.msisdn });
      await searchCustomers(agent, { q: idNumber });
      await getCustomer360(agent, line.customerId);
      await createUser(admin, {
        username: `pii${Date.now().toString(36)}`,
        displayName: `${line.msisdn} ${idNumber}`,
        role: "AGENT",
        teamId: null,
        password: "Pii-check-2026",
      });
      // Unexpected failures whose messages quote the input go through the scrubbed logger.
      toActionError(new Error(`duplicate key value (msisdn)=(${line.msisdn}) id ${idNumber}`));
      await db.$queryRawUnsafe(`SELECT '${line.msisdn}'::int`).catch((e: unknown) => toActionError(e));
      logger.info("search.done", { q: line.msisdn, id: idNumber, email: "zhang.wei@example.com" });

      expect(lines.length, "the journeys should have logged something to scan").toBeGreaterThan(0);
      const leaks = lines.filter((l) => PHONE.test(l) || NATIONAL_ID.test(l) || l.includes(line.msisdn) || l.includes(idNumber));
      expect(leaks).toEqual([]);
    } finally {
      process.env.LOG_LEVEL = level;
      for (const s of spies) s.mockRestore();
    }
  });
});
