import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function TrainingLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="training">{children}</ClientMessagesProvider>;
}
