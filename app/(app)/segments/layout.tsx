import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";

export default function SegmentsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessagesProvider area="segments">{children}</ClientMessagesProvider>;
}
