import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function FollowUpsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="followUps">{children}</ClientMessagesProvider>;
}
