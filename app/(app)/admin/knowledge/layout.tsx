import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function KnowledgeAdminLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="knowledgeAdmin">{children}</ClientMessagesProvider>;
}
