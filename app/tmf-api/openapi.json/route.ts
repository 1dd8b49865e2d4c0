import { route } from "@/lib/shared/route";
import { apiOrigin } from "@/lib/api/href";
import { buildOpenApiDocument } from "@/lib/api/openapi";

// GET /tmf-api/openapi.json: what the Open API serves, as an OpenAPI 3.0 document (docs/open-api.md).
// Public by design (it describes, it reveals no data) and cacheable: it changes with a release only.
let cached: { origin: string; body: string } | null = null;

export const GET = route({ public: true }, async () => {
  const origin = apiOrigin();
  if (!cached || cached.origin !== origin) cached = { origin, body: JSON.stringify(buildOpenApiDocument(origin)) };
  return new Response(cached.body, {
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=3600", "access-control-allow-origin": "*" },
  });
});
