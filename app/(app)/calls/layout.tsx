import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function CallsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="calls">{children}</ClientMessagesProvider>;
}
