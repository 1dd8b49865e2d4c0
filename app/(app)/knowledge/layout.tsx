import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function KnowledgeLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="knowledge">{children}</ClientMessagesProvider>;
}
