import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function AdminRoutingLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="routing">{children}</ClientMessagesProvider>;
}
