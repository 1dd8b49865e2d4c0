import { describe, test, expect } from "vitest";
import fs from "node:fs";
import path from "node:path";

// Every relative link in README.md and docs/**/*.md must point at a file that exists, and a
// #fragment at a heading of the target (GitHub's anchor rules). External links are not fetched.

const ROOT = path.resolve(import.meta.dirname, "../..");

interface Source {
  exists(file: string): boolean;
  read(file: string): string;
}
const disk: Source = { exists: (f) => fs.existsSync(f), read: (f) => fs.readFileSync(f, "utf8") };

/** The markdown without fenced code blocks (a `#` line there is no heading, a link no link). */
function withoutFences(markdown: string): string {
  return markdown.replace(/^ *(```|~~~)[^\n]*\n[\s\S]*?^ *\1[^\n]*$/gm, "");
}

/** Link targets: inline links and images `[text](target "title")`, and reference definitions `[id]: target`. */
function findLinks(markdown: string): string[] {
  const text = withoutFences(markdown).replace(/`+[^`\n]*`+/g, "``"); // nor in a code span
  const inline = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
  const references = [...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)].map((m) => m[1]);
  return [...inline, ...references];
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens; repeats get -1, -2 … */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of withoutFences(markdown).matchAll(/^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const visible = heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // a link shows its text
      .replace(/<[^>]+>/g, ""); // HTML tags show nothing
    const base = visible
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
      .replace(/ /g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** Dead links of one markdown file, as "target (why)". */
function deadLinks(file: string, source: Source = disk): string[] {
  const dead: string[] = [];
  for (const link of findLinks(source.read(file))) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith("//")) continue; // http:, mailto: …
    const [rawPath, fragment] = link.split("#", 2) as [string, string | undefined];
    const target = rawPath === "" ? file : path.resolve(path.dirname(file), decodeURIComponent(rawPath));
    if (!source.exists(target)) {
      dead.push(`${link} (no such file)`);
      continue;
    }
    if (fragment && target.endsWith(".md") && !headingAnchors(source.read(target)).has(decodeURIComponent(fragment).toLowerCase())) {
      dead.push(`${link} (no heading #${fragment} in ${path.relative(ROOT, target)})`);
    }
  }
  return dead;
}

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return entry.name.endsWith(".md") ? [full] : [];
  });
}

describe("documentation links", () => {
  const files = [path.join(ROOT, "README.md"), ...markdownFiles(path.join(ROOT, "docs"))];

  test("every relative link in README.md and docs/ points at an existing file and heading", () => {
    const dead = files.flatMap((file) => deadLinks(file).map((d) => `${path.relative(ROOT, file)}: ${d}`));
    expect(dead, `dead links:\n  ${dead.join("\n  ")}\n`).toEqual([]);
  });

  test("the README links the docs that hold what it no longer says", () => {
    const readme = findLinks(disk.read(path.join(ROOT, "README.md")));
    for (const doc of ["docs/README.md", "docs/building-a-feature.md", "docs/ui-kit.md", "docs/performance.md", "docs/security.md"]) {
      expect(
        readme.some((l) => l.split("#")[0] === doc),
        doc,
      ).toBe(true);
    }
  });

  test.each([
    ["The two commands", "the-two-commands"],
    ["1 M customers", "1-m-customers"],
    ["Workspace (demo database)", "workspace-demo-database"],
    ["One `next start` per core", "one-next-start-per-core"],
    ["Security → [Production](x.md) set-up", "security--production-set-up"],
    ["客户 360 视图", "客户-360-视图"],
  ])("heading %j has anchor %j", (heading, anchor) => {
    expect(headingAnchors(`# ${heading}\n`)).toEqual(new Set([anchor]));
  });

  test("repeated headings are numbered, and headings inside code blocks do not count", () => {
    expect(headingAnchors("## Decisions\n## Decisions\n```md\n# Not a heading\n```\n")).toEqual(new Set(["decisions", "decisions-1"]));
  });

  test("the checker reports a missing file and a missing heading, and ignores external and code links", () => {
    const files: Record<string, string> = {
      "/r/README.md": [
        "[ok](docs/a.md) [ok anchor](docs/a.md#intro) [self](#top) [web](https://example.com/x.md)",
        "[gone](docs/missing.md) [bad anchor](docs/a.md#nowhere) `[code](docs/nope.md)`",
        "[ref]: ./docs/also-missing.md",
        "# Top",
      ].join("\n"),
      "/r/docs/a.md": "# Intro\n",
    };
    const source: Source = { exists: (f) => f in files, read: (f) => files[f] };
    expect(deadLinks("/r/README.md", source)).toEqual([
      "docs/missing.md (no such file)",
      expect.stringMatching(/^docs\/a\.md#nowhere \(no heading #nowhere in /),
      "./docs/also-missing.md (no such file)",
    ]);
  });
});
