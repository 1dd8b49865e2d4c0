import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function CareLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="care">{children}</ClientMessagesProvider>;
}
