import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function LoyaltyLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="loyalty">{children}</ClientMessagesProvider>;
}
