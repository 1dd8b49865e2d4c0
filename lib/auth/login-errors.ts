// What a failed sign-in tells the person, and how it crosses next-auth: the Credentials provider
// (next-auth 4) turns the message of an Error thrown in authorize() into the `error` that
// signIn() returns to the form, so a failure travels as a short string ("locked:5").
// Browser-safe: the login form parses what lib/auth/options.ts encodes.

export type LoginFailure =
  /** Wrong username or password (never which of the two). */
  | { code: "invalid" }
  /** The password was right; the second factor is needed. */
  | { code: "mfaRequired" }
  /** The password was right, the second factor was not. */
  | { code: "wrongCode" }
  /** This username, or this client, made too many attempts: wait this long. */
  | { code: "locked"; retryAfterMinutes: number };

export function encodeLoginFailure(f: LoginFailure): string {
  return f.code === "locked" ? `locked:${f.retryAfterMinutes}` : f.code;
}

/** The failure an `error` from signIn() stands for; anything unknown is null (a generic message). */
export function decodeLoginFailure(error: string | null | undefined): LoginFailure | null {
  if (error === "invalid" || error === "CredentialsSignin") return { code: "invalid" };
  if (error === "mfaRequired" || error === "wrongCode") return { code: error };
  const locked = /^locked:(\d{1,4})$/.exec(error ?? "");
  return locked ? { code: "locked", retryAfterMinutes: Math.max(1, Number(locked[1])) } : null;
}
