"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { logoutAction } from "@/app/actions";
import { Button } from "@/components/ui/button";

/** Log out. Through useActionState the form posts to the server action even before the page has
 *  hydrated; the action redirects to the login page. */
export function LogoutButton() {
  const t = useTranslations("header");
  const [, formAction, pending] = useActionState(logoutAction, null);
  return (
    <form action={formAction}>
      <Button type="submit" pending={pending}>
        {t("logout")}
      </Button>
    </form>
  );
}
