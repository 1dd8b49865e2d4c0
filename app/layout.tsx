import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";
import { Toaster } from "@/components/ui/toaster";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: t("name"), description: t("tagline") };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <ClientMessagesProvider area="root">{children}</ClientMessagesProvider>
        <Toaster />
      </body>
    </html>
  );
}
