"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { useAction } from "@/components/ui/use-action";
import { confirmOptOutAction } from "@/app/o/[token]/actions";

/** The public opt-out page's confirm button (texts from the page: the customer's language). */
export function OptOutForm({ token, text }: { token: string; text: { confirm: string; done: string; error: string } }) {
  const [done, setDone] = useState(false);
  const [failed, setFailed] = useState(false);
  const { run, pending } = useAction(confirmOptOutAction, { refresh: false });
  if (done)
    return (
      <Alert tone="success" className="p-4 text-base">
        <span role="status">{text.done}</span>
      </Alert>
    );
  return (
    <div className="space-y-3">
      <Button
        variant="primary"
        className="w-full"
        pending={pending}
        onClick={async () => {
          const r = await run({ token });
          setDone(r.ok);
          setFailed(!r.ok);
        }}
      >
        {text.confirm}
      </Button>
      {failed && (
        <Alert tone="error">
          <span role="alert">{text.error}</span>
        </Alert>
      )}
    </div>
  );
}
