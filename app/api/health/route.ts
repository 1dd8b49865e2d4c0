import { route } from "@/lib/shared/route";

// Liveness: the process answers. No database call (that is /api/ready). Public by design.
export const GET = route({ public: true }, async () => Response.json({ status: "ok" }));
