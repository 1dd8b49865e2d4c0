import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function CampaignsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="campaigns">{children}</ClientMessagesProvider>;
}
