import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function AutomationLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="automation">{children}</ClientMessagesProvider>;
}
