import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function TeamRoutingLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="routing">{children}</ClientMessagesProvider>;
}
