import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function SetupLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="setup">{children}</ClientMessagesProvider>;
}
