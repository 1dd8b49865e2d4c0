import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { CLIENT_MESSAGES, pickMessages, type ClientMessagesArea } from "@/lib/i18n/client-messages";

/** Gives the client components below only their area's messages (lib/i18n/client-messages.ts);
 *  without a `messages` prop next-intl would serialise the whole catalogue into every page. It
 *  replaces, not extends, the messages of a provider above it, and wraps all a layout renders. */
export async function ClientMessagesProvider({ area, children }: { area: ClientMessagesArea; children: React.ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={pickMessages(messages, CLIENT_MESSAGES[area])}>{children}</NextIntlClientProvider>;
}
