"use server";

import { headers } from "next/headers";
import { action } from "@/lib/shared/action";
import { optOutInput } from "@/lib/marketing/schemas";
import { confirmOptOut } from "@/lib/messaging/opt-out-commands";
import { assertRateLimit } from "@/lib/shared/rate-limit";
import { clientIp } from "@/lib/shared/client-ip";

/** The public opt-out page's confirmation (no session: the signed link is the credential). */
export const confirmOptOutAction = action(
  optOutInput,
  async (nobody, input) => {
    // Per client address in this process, before any database work (the link is signed: this only stops hammering).
    await assertRateLimit("optOutPerProcess", clientIp(await headers()) ?? "unknown");
    return confirmOptOut(nobody, input);
  },
  { public: true },
);
