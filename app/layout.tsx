import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessagesProvider } from "@/components/layout/client-messages-provider";
import { Toaster } from "@/components/ui/toaster";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return {
    title: t("name"),
    description: t("tagline"),
    // The files are in public/; proxy.ts must let them through without a session (the manifest is fetched without cookies).
    icons: {
      icon: [
        { url: "/favicon.ico", sizes: "32x32" },
        { url: "/icon.svg", type: "image/svg+xml" },
      ],
      apple: "/apple-touch-icon.png",
    },
    manifest: "/manifest.webmanifest",
  };
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
