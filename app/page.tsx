import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/current-actor";
import { ROLE_HOME } from "@/lib/auth/permissions";
import { page } from "@/lib/shared/page";

export default page(async function Home() {
  const actor = await requireActor();
  redirect(ROLE_HOME[actor.role]);
});
