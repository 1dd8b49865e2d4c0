"use server";

import { action, noInput } from "@/lib/shared/action";
import { confirmMfaEnrolment, disableMfa, regenerateRecoveryCodes, startMfaEnrolment } from "@/lib/auth/mfa";
import { mfaCodeInput } from "@/lib/auth/schemas";

// The acting user's own second factor. The pipeline takes the session as it is (getActor): a
// user who must enrol has a session that is good for nothing else, and these functions need no
// permission. Confirming does not revalidate: the page would replace the recovery codes, shown once.
export const startMfaEnrolmentAction = action(noInput, startMfaEnrolment, { duringMfaEnrolment: true });
export const confirmMfaEnrolmentAction = action(mfaCodeInput, (actor, { code }) => confirmMfaEnrolment(actor, code), { duringMfaEnrolment: true });
export const disableMfaAction = action(mfaCodeInput, (actor, { code }) => disableMfa(actor, code), { revalidate: "/account/mfa" });
// Like confirming: no revalidation, the new codes are shown once.
export const regenerateRecoveryCodesAction = action(mfaCodeInput, (actor, { code }) => regenerateRecoveryCodes(actor, code));
