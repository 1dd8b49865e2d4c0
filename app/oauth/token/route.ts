import { route } from "@/lib/shared/route";
import { takeToken } from "@/lib/shared/rate-limit";
import { clientIp, throttleKeyOfIp } from "@/lib/shared/client-ip";
import { issueOAuthToken, OAuthError } from "@/lib/api/clients/oauth-commands";

// POST /oauth/token: OAuth 2 client credentials (RFC 6749 §4.4), the preferred way for a system to
// get a bearer token (docs/open-api.md). Public by design: the client's id and secret are the
// credential. Form-encoded as the RFC says (JSON accepted too); the client authenticates with HTTP
// Basic or with client_id/client_secret in the body; errors are RFC 6749 §5.2 JSON bodies.

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

function oauthError(code: string, description: string, status = 400, headers: Record<string, string> = {}): Response {
  return Response.json({ error: code, error_description: description }, { status, headers: { ...NO_STORE, ...headers } });
}

/** The client_id and client_secret of an `Authorization: Basic` header (RFC 6749 §2.3.1: form-urlencoded, then base64). */
function basicCredentials(header: string | null): { id: string; secret: string } | null | "malformed" {
  if (!header) return null;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m) return /^Basic\b/i.test(header) ? "malformed" : null;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i < 0) return "malformed";
  try {
    return { id: decodeURIComponent(decoded.slice(0, i).replace(/\+/g, " ")), secret: decodeURIComponent(decoded.slice(i + 1).replace(/\+/g, " ")) };
  } catch {
    return "malformed";
  }
}

async function readParams(request: Request): Promise<Record<string, string> | null> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const text = await request.text();
  if (type === "application/x-www-form-urlencoded") {
    const params = new URLSearchParams(text);
    // RFC 6749 §3.2: a parameter sent twice is an invalid request.
    const out: Record<string, string> = {};
    for (const key of new Set(params.keys())) {
      const all = params.getAll(key);
      if (all.length > 1) return null;
      out[key] = all[0]!;
    }
    return out;
  }
  if (type === "application/json") {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return null;
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) return null;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) if (typeof v === "string") out[k] = v;
    return out;
  }
  return null;
}

export const POST = route({ public: true, bodyLimit: 8 * 1024 }, async ({ request }) => {
  const ip = clientIp(request.headers);
  if (!(await takeToken("oauthToken", ip ? throttleKeyOfIp(ip) : "unknown"))) {
    return oauthError("slow_down", "Too many token requests; retry later.", 429, { "retry-after": "1" });
  }
  const params = await readParams(request);
  if (!params) return oauthError("invalid_request", "Send the request as application/x-www-form-urlencoded (or JSON), each parameter once.");
  const basic = basicCredentials(request.headers.get("authorization"));
  if (basic === "malformed") return oauthError("invalid_client", "The Basic credentials are malformed.", 401, { "www-authenticate": 'Basic realm="crm"' });
  // RFC 6749 §2.3: one authentication method per request.
  if (
    basic &&
    (params.client_id !== undefined || params.client_secret !== undefined) &&
    (params.client_secret !== undefined || params.client_id !== basic.id)
  ) {
    return oauthError("invalid_request", "Authenticate the client one way only: HTTP Basic or client_id/client_secret.");
  }
  if (!params.grant_type) return oauthError("invalid_request", "grant_type is required.");
  if (params.grant_type !== "client_credentials") return oauthError("unsupported_grant_type", "Only grant_type=client_credentials is supported.");
  const id = basic?.id ?? params.client_id;
  const secret = basic?.secret ?? params.client_secret;
  if (!id || !secret)
    return oauthError("invalid_client", "Client authentication is required (HTTP Basic or client_id and client_secret).", 401, {
      "www-authenticate": 'Basic realm="crm"',
    });
  try {
    const answer = await issueOAuthToken(
      { clientKey: id, clientSecret: secret, scope: params.scope ?? null },
      { ip, userAgent: request.headers.get("user-agent") },
    );
    return Response.json(answer, { headers: NO_STORE });
  } catch (e) {
    if (e instanceof OAuthError) return oauthError(e.code, e.description, e.status, e.status === 401 ? { "www-authenticate": 'Basic realm="crm"' } : {});
    throw e;
  }
});
