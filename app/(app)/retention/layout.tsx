import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function RetentionLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="retention">{children}</ClientMessagesProvider>;
}
