import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function MarketingAdminLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="marketing">{children}</ClientMessagesProvider>;
}
