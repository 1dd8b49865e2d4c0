import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function CareAdminLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="careAdmin">{children}</ClientMessagesProvider>;
}
