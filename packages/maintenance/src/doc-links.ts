// The links of the project's Markdown: every relative link must name a file of the repository
// and every anchor a heading of its target, as GitHub renders them (github-slugger's ids), and no
// link may leave the repository — a reader of the README has only the repository.
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import GithubSlugger from "github-slugger";
import MarkdownIt from "markdown-it";

const markdown = new MarkdownIt({ html: true });

type Token = ReturnType<MarkdownIt["parse"]>[number];

function* walk(tokens: Token[]): Generator<Token> {
  for (const token of tokens) {
    yield token;
    if (token.children) yield* walk(token.children);
  }
}

/** The ids GitHub gives the headings of a Markdown text. */
export function headingIds(text: string): Set<string> {
  const slugger = new GithubSlugger();
  const ids = new Set<string>();
  const tokens = markdown.parse(text, {});
  tokens.forEach((token, i) => {
    if (token.type !== "heading_open") return;
    const inline = tokens[i + 1];
    const plain = [...walk(inline.children ?? [])]
      .filter((t) => t.type === "text" || t.type === "code_inline")
      .map((t) => t.content)
      .join("");
    ids.add(slugger.slug(plain));
  });
  return ids;
}

function links(text: string): string[] {
  return [...walk(markdown.parse(text, {}))].filter((t) => t.type === "link_open").map((t) => t.attrGet("href") ?? "");
}

/** Each broken link of the files, as "file: link (why)"; paths relative to root. */
export function brokenLinks(root: string, files: readonly string[]): string[] {
  const broken: string[] = [];
  const top = realpathSync(root);
  for (const file of files) {
    const text = readFileSync(join(root, file), "utf8");
    for (const href of links(text)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue; // https:, mailto: — not the repository's
      const [path, anchor] = href.split("#", 2);
      const target = path ? resolve(root, dirname(file), decodeURIComponent(path)) : join(root, file);
      const why = !existsSync(target)
        ? "no such file"
        : relative(top, realpathSync(target)).startsWith("..")
          ? "outside the repository"
          : anchor && target.endsWith(".md") && !headingIds(readFileSync(target, "utf8")).has(anchor)
            ? `no heading #${anchor}`
            : undefined;
      if (why) broken.push(`${file}: ${href} (${why})`);
    }
  }
  return broken;
}
