import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function MembershipAdminLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="membership">{children}</ClientMessagesProvider>;
}
