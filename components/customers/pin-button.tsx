"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { setPinnedAction } from "@/app/(app)/customers/[id]/actions";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toaster";
import { useAction, useErrorText } from "@/components/ui/use-action";

/** Pins the customer to the agent's workspace; the button says what pressing it does next. */
export function PinButton({ customerId, pinned: initial }: { customerId: number; pinned: boolean }) {
  const t = useTranslations("c360");
  const errorText = useErrorText();
  const [pinned, setPinned] = useState(initial);
  const { run, pending } = useAction(setPinnedAction, {
    refresh: false,
    success: (d) => (d.pinned ? t("pinnedToast") : t("unpinnedToast")),
    onSuccess: (d) => setPinned(d.pinned),
  });
  return (
    <Button aria-pressed={pinned} pending={pending} onClick={() => void run({ customerId, pinned: !pinned }).then((r) => r.ok || toast.error(errorText(r.error)))}>
      {pinned ? t("unpin") : t("pin")}
    </Button>
  );
}
