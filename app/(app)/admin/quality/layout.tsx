import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function QualityAdminLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="qualityAdmin">{children}</ClientMessagesProvider>;
}
