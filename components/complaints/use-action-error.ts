"use client";

import { useTranslations } from "next-intl";

const COMPLAINT_ERROR = "complaints.errors.";

/** Translates an action error code: complaint codes (complaints.errors.*) carry their own
 *  namespace, the rest live under errors. Two narrow namespaces, so a page ships only these. */
export function useActionError() {
  const tComplaint = useTranslations("complaints.errors");
  const tError = useTranslations("errors");
  return (code: string) => (code.startsWith(COMPLAINT_ERROR) ? tComplaint(code.slice(COMPLAINT_ERROR.length)) : tError(code));
}
