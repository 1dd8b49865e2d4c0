// The layers the linter enforces (eslint.config.mjs): a violating import must fail `npm run lint`.
// Each case lints a snippet as if it were a file at that path, with the project's real config.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, test } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: ROOT });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports").map((m) => m.message);
}

describe("layer rules", () => {
  test.each([
    ["components/x/panel.tsx", 'import { db } from "@/lib/db";\nexport const x = db;\n'],
    ["components/x/panel.tsx", 'import { Prisma } from "@/lib/generated/prisma/client";\nexport const x = Prisma;\n'],
    ["components/x/panel.tsx", 'import { getCustomer360 } from "@/lib/customers/queries";\nexport const x = getCustomer360;\n'],
    ["components/x/panel.tsx", 'import { openComplaint } from "@/lib/complaints/intake";\nexport const x = openComplaint;\n'],
    ["components/x/panel.tsx", 'import Page from "@/app/(app)/workspace/page";\nexport const x = Page;\n'],
    ["app/(app)/x/page.tsx", 'import { db } from "@/lib/db";\nexport const x = db;\n'],
    ["lib/x/queries.ts", 'import { Button } from "@/components/ui/button";\nexport const x = Button;\n'],
    ["lib/x/queries.ts", 'import { action } from "@/app/(app)/complaints/actions";\nexport const x = action;\n'],
  ])("%s: %s is refused", async (file, code) => {
    expect(await restricted(file, code)).toHaveLength(1);
  });

  test.each([
    ["components/x/panel.tsx", 'import type { Customer360 } from "@/lib/customers/queries";\nexport type X = Customer360;\n'],
    ["components/x/panel.tsx", 'import { transitionComplaintAction } from "@/app/(app)/complaints/actions";\nexport const x = transitionComplaintAction;\n'],
    ["components/x/panel.tsx", 'import { can } from "@/lib/auth/permissions";\nexport const x = can;\n'],
    ["app/(app)/x/page.tsx", 'import { listComplaintQueue } from "@/lib/complaints/queries";\nexport const x = listComplaintQueue;\n'],
  ])("%s: %s is allowed", async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });
});
