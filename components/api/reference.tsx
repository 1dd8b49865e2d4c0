// The Open API reference for admins (issue 25): one section per API, a curl example per endpoint.
// Server-rendered text only: the examples are code, the prose comes from the catalogues.

export interface ReferenceExample {
  title: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  scope: string | null;
  curl: string;
}

export function ReferenceExamples({ examples, scopeLabel }: { examples: ReferenceExample[]; scopeLabel: string }) {
  return (
    <div className="space-y-4">
      {examples.map((e) => (
        <div key={`${e.method} ${e.path} ${e.title}`} className="space-y-1">
          <h3 className="flex flex-wrap items-baseline gap-2 text-sm font-semibold text-slate-800">
            <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{e.method}</span>
            <code className="font-mono text-xs break-all">{e.path}</code>
            <span className="font-normal text-slate-600">{e.title}</span>
            {e.scope && (
              <span className="text-xs font-normal text-slate-500">
                {scopeLabel}: <code className="font-mono">{e.scope}</code>
              </span>
            )}
          </h3>
          <pre className="rounded border border-slate-200 bg-slate-50 p-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-800">
            <code>{e.curl}</code>
          </pre>
        </div>
      ))}
    </div>
  );
}
