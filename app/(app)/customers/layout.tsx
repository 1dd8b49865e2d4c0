import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function CustomersLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="customers">{children}</ClientMessagesProvider>;
}
