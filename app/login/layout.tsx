import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function LoginLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="login">{children}</ClientMessagesProvider>;
}
