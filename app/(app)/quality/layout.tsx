import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function QualityLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="quality">{children}</ClientMessagesProvider>;
}
