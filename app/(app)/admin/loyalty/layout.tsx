import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function LoyaltyAdminLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="loyaltyAdmin">{children}</ClientMessagesProvider>;
}
