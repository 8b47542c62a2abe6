// Text that lands in Markdown (CommonMark, with GitHub's tables): a value from outside renders as
// the text it is. It cannot end the block it stands in, open HTML, a comment, a link, emphasis or
// a code span, or end a table cell; and what is written as text or as a list is read back
// exactly (ACCESS.md is read again by the review).

/** Characters that can mean something inline or where a line starts (GitHub's math and strikethrough too): each is backslash-escaped. */
const INLINE = /[\\`*_[\]<>&|~#$]/g;
/** What starts a list item, a setext underline or a thematic break when it opens a line: its mark is escaped. */
const LINE_START = /^([-+=]|\d+(?=[.)]))/;
/** Control characters (line breaks among them) anywhere, and whitespace at either end, which CommonMark would strip. */
const AS_REFERENCE = /\p{Cc}|^\s+|\s+$/gu;

const reference = (characters: string) => [...characters].map((c) => `&#${c.codePointAt(0)};`).join("");

/** `value` as inline text: shown as it is, line breaks included (as whitespace). */
export function markdownText(value: string): string {
  const escaped = value.replace(INLINE, "\\$&").replace(LINE_START, (mark) => (/\d/.test(mark) ? `${mark}\\` : `\\${mark}`));
  return escaped.replace(AS_REFERENCE, reference);
}

/**
 * `value` as a code span: a fence longer than any run of backticks in it, padded where it starts
 * or ends with a backtick or a space (CommonMark strips one space from each end). Line breaks
 * become spaces, as they would in any code span; CommonMark has no empty one, so "" shows as a space.
 */
export function markdownCode(value: string): string {
  const text = value.replace(/\r\n|\r|\n/g, " ");
  if (text === "") return "` `";
  const fence = "`".repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const pad = /^[` ]|[` ]$/.test(text) && !/^ +$/.test(text) ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Values as "a, b, c", each as text with its commas escaped, so readMarkdownList splits it where this joined it. */
export function markdownList(values: readonly string[]): string {
  return values.map((v) => markdownText(v).replace(/,/g, "\\,")).join(", ");
}

/** A table row of Markdown cells: a `|` in a cell, even inside a code span, is escaped so it does not end the cell. */
export function markdownTableRow(cells: readonly string[]): string {
  return `| ${cells.map((cell) => cell.replace(/\|/g, "\\|")).join(" | ")} |`;
}

/**
 * `text` as a fenced code block: the fence is longer than any run of backticks in it, so no line
 * of it can close the block. `language` (the toolkit's own word, e.g. "diff") is the info string.
 */
export function markdownCodeBlock(text: string, language: "diff" | "" = ""): string {
  const fence = "`".repeat(Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  return `${fence}${language}\n${text.replace(/\r\n|\r/g, "\n")}\n${fence}`;
}

/** Markdown as a block quote: every line quoted, so nothing in it continues outside the quote. */
export function markdownQuote(markdown: string): string {
  return markdown
    .split(/\r\n|\r|\n/)
    .map((line) => (line === "" ? ">" : `> ${line}`))
    .join("\n");
}

/** What markdownText wrote, as the value it was. */
export function readMarkdownText(markdown: string): string {
  return markdown.replace(
    /\\([!-/:-@[-`{-~])|&#(\d{1,7});/g,
    (whole, escaped: string | undefined, code: string | undefined) =>
      escaped ?? (Number(code) <= 0x10ffff ? String.fromCodePoint(Number(code)) : whole),
  );
}

/** What markdownCode wrote, as the value it was (line breaks excepted: they were written as spaces). */
export function readMarkdownCode(markdown: string): string {
  const inner = /^(`+)(.*)\1$/s.exec(markdown)?.[2];
  if (inner === undefined) return markdown;
  return /^ .* $/s.test(inner) && !/^ +$/.test(inner) ? inner.slice(1, -1) : inner;
}

/** What markdownList wrote, as the values it was given (no value and one empty value are both written as nothing: read as none). */
export function readMarkdownList(markdown: string): string[] {
  if (markdown === "") return [];
  return markdown.split(/(?<=(?:^|[^\\])(?:\\\\)*), /).map(readMarkdownText);
}

/** A table row's cells, split where GitHub splits it: at each `|` not escaped, an escaped one being a `|` of its cell. */
export function readMarkdownTableRow(line: string): string[] {
  const cells = [""];
  for (let i = 0; i < line.length; i++) {
    if (line[i] === "\\" && line[i + 1] === "|") cells[cells.length - 1] += line[++i];
    else if (line[i] === "|") cells.push("");
    else cells[cells.length - 1] += line[i];
  }
  return cells.slice(1, -1).map((cell) => cell.trim());
}
