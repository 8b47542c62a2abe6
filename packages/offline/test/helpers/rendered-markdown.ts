// What a reader of a Markdown document sees, as CommonMark with GitHub's tables renders it
// with HTML on (markdown-it): its headings, the HTML it passes through, and the text it shows.
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: true });

type Token = ReturnType<MarkdownIt["parse"]>[number];

/**
 * Text as a reader sees it: a run of whitespace is one space, and so is a control character (a
 * browser shows none; markdown-it writes NUL, and a control given as a reference, as U+FFFD).
 */
export const visible = (text: string) => text.replace(/[\s\p{Cc}\ufffd]+/gu, " ");

export interface Rendered {
  /** Each heading's text, `###` and deeper too. */
  readonly headings: readonly string[];
  /** Every piece of raw HTML passed through (blocks and inline). */
  readonly html: readonly string[];
  /** Every link or image: a value must never become one. */
  readonly links: number;
  /** Every run of text and code the reader sees, whitespace as shown. */
  readonly texts: readonly string[];
}

const leaves = (tokens: readonly Token[]): Token[] => tokens.flatMap((t) => [t, ...leaves(t.children ?? [])]);
const SHOWN = ["text", "code_inline", "fence", "code_block"];
const shownText = (tokens: readonly Token[]) =>
  leaves(tokens)
    .filter((t) => SHOWN.includes(t.type))
    .map((t) => t.content)
    .join("");

export function rendered(markdown: string): Rendered {
  const tokens = md.parse(markdown, {});
  const headings = tokens.flatMap((t, i) => (t.type === "heading_open" ? [visible(shownText([tokens[i + 1]]))] : []));
  const all = leaves(tokens);
  return {
    headings,
    html: all.filter((t) => t.type === "html_block" || t.type === "html_inline").map((t) => t.content.trim()),
    links: all.filter((t) => t.type === "link_open" || t.type === "image").length,
    texts: all.filter((t) => SHOWN.includes(t.type)).map((t) => visible(t.content)),
  };
}

/** Whether the reader sees `value` as it is, in one run of text or code. */
export const shows = (view: Rendered, value: string) => view.texts.some((t) => t.includes(visible(value)));
