import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function SurveysLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="surveys">{children}</ClientMessagesProvider>;
}
