import { requireActor } from "@/lib/auth/current-actor";
import { AppShell } from "@/components/layout/app-shell";
import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return (
    <ClientMessagesProvider area="shell">
      <AppShell actor={actor}>{children}</AppShell>
    </ClientMessagesProvider>
  );
}
