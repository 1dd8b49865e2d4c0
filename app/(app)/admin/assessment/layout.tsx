import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function AssessmentAdminLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="assessmentAdmin">{children}</ClientMessagesProvider>;
}
