// Calling an Open API route handler in a test, as an HTTP client would: a real Request with the
// bearer token, the handler's real pipeline (lib/api/route.ts), the answer parsed.
import { flushApiCallAudit } from "@/lib/api/route";

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export interface ApiCallOptions {
  method?: string;
  /** The path and query ("/tmf-api/troubleTicket/v5/troubleTicket?status=pending"). */
  path: string;
  token?: string | null;
  body?: unknown;
  /** Sent as is instead of JSON.stringify(body) (malformed JSON, oversize). */
  rawBody?: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  contentType?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads whatever the API answered
export interface ApiAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export async function apiCall<T = any>(handler: Handler, o: ApiCallOptions): Promise<ApiAnswer<T>> {
  const method = o.method ?? (o.body !== undefined || o.rawBody !== undefined ? "POST" : "GET");
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  const payload = o.rawBody ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
  if (payload !== undefined) headers["content-type"] ??= o.contentType ?? (method === "PATCH" ? "application/merge-patch+json" : "application/json");
  const res = await handler(new Request(`http://localhost${o.path}`, { method, headers, body: payload }), { params: Promise.resolve(o.params ?? {}) });
  // The call's access row is queued (lib/api/route.ts): written before the test looks.
  await flushApiCallAudit();
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: the text */
  }
  return { status: res.status, headers: res.headers, body: body as T };
}
