// Open redirect after sign-in (issue 19, finding 11): `next` / `callbackUrl` lead only to a path of
// this origin, however the value is spelled; anything else goes to "/" (the role's home).
import { describe, test, expect } from "vitest";
import { safeNextPath, sameOriginUrl } from "@/lib/shared/safe-redirect";
import { decodeLoginFailure, encodeLoginFailure } from "@/lib/auth/login-errors";

describe("after sign-in, only this origin's paths", () => {
  test.each([
    "/\\evil.example",
    "//evil.example",
    "///evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "https://evil.example",
    "https://evil.example/customers",
    "HTTPS://evil.example",
    "http:/evil.example",
    "//evil.example/%2F..",
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/.//evil.example",
    "/./\\evil.example",
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "//user@evil.example",
    "https://app.invalid@evil.example",
    "",
    undefined,
    null,
    ["/customers", "//evil.example"],
  ])("%j is refused", (value) => {
    expect(safeNextPath(value)).toBeNull();
  });

  test.each([
    ["/customers", "/customers"],
    ["/customers/12?tab=lines#bills", "/customers/12?tab=lines#bills"],
    ["%2F%2Fevil.example", "/%2F%2Fevil.example"], // a relative path on this origin, never decoded again
    ["/%5Cevil.example", "/%5Cevil.example"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/complaints/../admin", "/admin"],
    ["customers", "/customers"],
    // The app's own scheme without slashes is a relative path in URL parsing: a path here.
    ["https:evil.example", "/evil.example"],
  ])("%j → %j (stays on this origin)", (value, expected) => {
    const path = safeNextPath(value);
    expect(path).toBe(expected);
    // What the browser then does with it: still this origin.
    expect(new URL(path!, "https://crm.example.com").origin).toBe("https://crm.example.com");
  });

  test("the other scheme without slashes is another origin", () => {
    expect(safeNextPath("http:evil.example")).toBeNull();
    expect(safeNextPath("http:evil.example", "http://localhost:3000")).toBe("/evil.example");
    expect(safeNextPath("https:evil.example", "http://localhost:3000")).toBeNull();
  });

  test("next-auth's redirect callback keeps absolute URLs of the app's origin and drops every other", () => {
    const base = "https://crm.example.com";
    expect(sameOriginUrl("https://crm.example.com/team", base)).toBe("https://crm.example.com/team");
    expect(sameOriginUrl("/team", base)).toBe("https://crm.example.com/team");
    expect(sameOriginUrl("https://crm.example.com.evil.example/team", base)).toBeNull();
    expect(sameOriginUrl("/\\evil.example", base)).toBeNull();
    expect(sameOriginUrl("http://crm.example.com/team", base)).toBeNull();
  });
});

describe("sign-in failures cross next-auth as short codes", () => {
  test.each([
    [{ code: "invalid" } as const, "invalid"],
    [{ code: "mfaRequired" } as const, "mfaRequired"],
    [{ code: "wrongCode" } as const, "wrongCode"],
    [{ code: "locked", retryAfterMinutes: 32 } as const, "locked:32"],
  ])("%j ↔ %s", (failure, encoded) => {
    expect(encodeLoginFailure(failure)).toBe(encoded);
    expect(decodeLoginFailure(encoded)).toEqual(failure);
  });

  test.each([null, undefined, "", "locked:", "locked:abc", "Configuration", "<b>hi</b>"])("%j → a generic message", (error) => {
    expect(decodeLoginFailure(error)).toBeNull();
  });

  test("next-auth's own code for a null user reads as a wrong username or password", () => {
    expect(decodeLoginFailure("CredentialsSignin")).toEqual({ code: "invalid" });
  });
});
