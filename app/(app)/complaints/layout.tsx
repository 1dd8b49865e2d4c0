import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function ComplaintsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="complaints">{children}</ClientMessagesProvider>;
}
