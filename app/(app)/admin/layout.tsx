import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="admin">{children}</ClientMessagesProvider>;
}
