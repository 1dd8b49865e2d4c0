import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function AssessmentLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="assessment">{children}</ClientMessagesProvider>;
}
