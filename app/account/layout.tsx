import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function AccountLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="account">{children}</ClientMessagesProvider>;
}
