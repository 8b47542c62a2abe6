// markdown.ts: whatever the value, markdown-it (CommonMark, HTML on, GitHub's tables) shows it as
// its text where it is written, and what ACCESS.md holds is read back as it was written.
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import {
  markdownCode,
  markdownCodeBlock,
  markdownList,
  markdownQuote,
  markdownTableRow,
  markdownText,
  readMarkdownCode,
  readMarkdownList,
  readMarkdownTableRow,
  readMarkdownText,
} from "../src/text";
import { hostile, RUNS } from "./fixtures/hostile-strings";

const md = new MarkdownIt({ html: true });
type Token = ReturnType<MarkdownIt["parse"]>[number];
const leaves = (tokens: readonly Token[]): Token[] => tokens.flatMap((t) => [t, ...leaves(t.children ?? [])]);
/** The token types of a document, and the content of those of `type`. */
function parsed(markdown: string, type: string) {
  const all = leaves(md.parse(markdown, {}));
  return { types: all.map((t) => t.type), contents: all.filter((t) => t.type === type).map((t) => t.content) };
}

const nonEmpty = hostile.filter((value) => value !== "");
/**
 * What a code span shows: line breaks as spaces, NUL as U+FFFD (CommonMark's rule for it anywhere).
 * Only spaces: some spaces (markdown-it strips one from each end of three or more, where CommonMark keeps them).
 */
const inCode = (value: string) => {
  const shown = value.replace(/\r\n|\r|\n/g, " ").replace(/\0/g, "\ufffd");
  if (/^ *$/.test(shown)) return expect.stringMatching(/^ +$/);
  return keepsPadding(markdownCode(value)) ? ` ${shown} ` : shown;
};
/**
 * Where markdown-it is not CommonMark: it strips a code span's padding with /^ (.+) $/
 * (markdown-it 14.3.3, lib/rules_inline/backticks.mjs), whose `.` stops at U+2028 and U+2029, so
 * a padded span holding one shows its padding. commonmark.js 0.31 (the reference
 * implementation) strips it. A span is padded when its fence is followed by a space.
 */
const keepsPadding = (span: string) => /[\u2028\u2029]/.test(span) && /^`+ /.test(span);
/** What markdown-it shows for a character reference: U+FFFD for NUL and the controls HTML forbids, as a browser would. */
const asShown = (value: string) => value.replace(/[^\P{Cc}\t\n\f\r]/gu, "\ufffd");

describe("markdownText", () => {
  /** Token types that would mean the value was taken for Markdown or HTML, not text. */
  const MEANT = ["html_inline", "html_block", "link_open", "image", "em_open", "strong_open", "s_open", "code_inline", "code_block", "fence"];
  const MEANT_BLOCKS = ["heading_open", "blockquote_open", "hr", "ordered_list_open", "bullet_list_open", "table_open", "softbreak", "hardbreak"];

  it("shows any value as its text, in a paragraph, a list item, a table cell and at a line's start", () => {
    fc.assert(
      fc.property(hostile, (value) => {
        for (const [doc, own] of [
          [`before ${markdownText(value)} after`, []],
          [markdownText(value), []],
          [`- ${markdownText(value)}`, ["bullet_list_open"]],
          [`| a |\n|---|\n${markdownTableRow([markdownText(value)])}`, ["table_open"]],
        ] as const) {
          const { types, contents } = parsed(doc, "text");
          expect(types.filter((t) => MEANT.includes(t) || MEANT_BLOCKS.includes(t))).toEqual(own);
          expect(contents.join("")).toContain(asShown(value));
        }
      }),
      RUNS,
    );
  });

  it("leaves ordinary names as they are, so documents written before read the same", () => {
    expect(["role unicorn-rider", "client unicorn-census", "GET /unicorn (a new route)"].map(markdownText)).toEqual([
      "role unicorn-rider",
      "client unicorn-census",
      "GET /unicorn (a new route)",
    ]);
  });

  it("is read back as it was", () => {
    fc.assert(
      fc.property(hostile, (value) => expect(readMarkdownText(markdownText(value))).toBe(value)),
      RUNS,
    );
  });
});

describe("markdownCode", () => {
  it("shows any value in one code span, line breaks as spaces", () => {
    fc.assert(
      fc.property(hostile, (value) => {
        const { types, contents } = parsed(`before ${markdownCode(value)} after`, "code_inline");
        expect(types.filter((t) => t.startsWith("html"))).toEqual([]);
        expect(contents).toEqual([inCode(value)]);
      }),
      RUNS,
    );
  });

  it("keeps its content in a table cell, a `|` included, and is read back", () => {
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        const row = markdownTableRow([markdownCode(a), markdownText(b)]);
        const { contents } = parsed(`| a | b |\n|---|---|\n${row}`, "code_inline");
        expect(contents).toEqual([inCode(a)]);
        const [code, text] = readMarkdownTableRow(row);
        expect([readMarkdownCode(code), readMarkdownText(text)]).toEqual([a.replace(/\r\n|\r|\n/g, " ") || " ", b]);
      }),
      RUNS,
    );
  });
});

describe("markdownList", () => {
  it("is read back as the values it was given, commas and all", () => {
    fc.assert(
      fc.property(fc.array(nonEmpty, { maxLength: 5 }), (values) => expect(readMarkdownList(markdownList(values))).toEqual(values)),
      RUNS,
    );
  });
});

describe("markdownCodeBlock, quoted or not", () => {
  it("holds any text as one block that no line of it closes", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        for (const doc of [`${markdownCodeBlock(text)}\n\n# after`, `${markdownQuote(`Said:\n\n${markdownCodeBlock(text)}`)}\n\n# after`]) {
          const { types, contents } = parsed(doc, "fence");
          expect(contents).toEqual([`${text.replace(/\r\n|\r/g, "\n").replace(/\0/g, "\ufffd")}\n`]);
          expect(types.filter((t) => t === "heading_open")).toHaveLength(1);
        }
      }),
      RUNS,
    );
  });
});
