// Go's formatting of the values that appear in the providers' messages, so a message reads
// exactly as the Go provider prints it: %q (strconv.Quote), %v of a float64, and the errors of
// encoding/json for a document that does not parse.

/** strconv.Quote: printable runes as they are, the usual escapes, \x.. and \u.... otherwise. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (ESCAPES[ch]) out += ESCAPES[ch];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (/\p{C}|\p{Z}/u.test(ch) && ch !== " ")
      out += code > 0xffff ? `\\U${code.toString(16).padStart(8, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}
const ESCAPES: Record<string, string> = { "\x07": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v" };

/** %q of a []string: ["a" "b"]. */
export const goQuoteList = (values: readonly string[]) => `[${values.map(goQuote).join(" ")}]`;

/** %v of a float64 (strconv 'g', shortest): 1.5, 1e+30, +Inf, 1.234567e+06. */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (!Number.isFinite(f)) return f > 0 ? "+Inf" : "-Inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  const [mantissa, exp] = f.toExponential().split("e");
  const exponent = Number(exp);
  // Shortest 'g' uses the exponent form below 1e-4 and from 1e+06 (strconv/ftoa.go, eprec 6).
  if (exponent < -4 || exponent >= 6) return `${mantissa}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
  return String(f);
}

/** %v of a config value the SDK received: strings as they are, numbers as Go prints int or float64. */
export function goValue(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? String(v) : goFloat(v);
  if (typeof v === "boolean") return String(v);
  return String(v);
}

/** encoding/json's error for `text`, or undefined when it parses; `offset` as a *json.SyntaxError carries it. */
export function goJsonError(text: string): { message: string; offset?: number } | undefined {
  const scanner = new JsonScanner(text);
  try {
    scanner.value("beginning of value");
    scanner.space();
    if (scanner.pos < text.length) scanner.fail("after top-level value");
    return undefined;
  } catch (err) {
    if (err instanceof GoJsonError) return { message: err.message, offset: err.offset };
    throw err;
  }
}

class GoJsonError extends Error {
  constructor(
    message: string,
    readonly offset?: number,
  ) {
    super(message);
  }
}

/** Just enough of encoding/json's scanner to word its errors as Go does. */
class JsonScanner {
  pos = 0;
  constructor(private readonly text: string) {}
  space(): void {
    while (" \t\r\n".includes(this.text[this.pos] ?? "x")) this.pos++;
  }
  fail(context: string): never {
    if (this.pos >= this.text.length) throw new GoJsonError("unexpected end of JSON input", this.text.length);
    const ch = this.text[this.pos];
    const shown = ch === "'" ? "'\\''" : ch === "\\" ? "'\\\\'" : `'${ch}'`;
    throw new GoJsonError(`invalid character ${shown} ${context}`, this.pos + 1);
  }
  value(context: string): void {
    this.space();
    const ch = this.text[this.pos];
    if (ch === "{") {
      this.object();
      return;
    }
    if (ch === "[") {
      this.array();
      return;
    }
    if (ch === '"') {
      this.string();
      return;
    }
    if (ch === "-" || (ch >= "0" && ch <= "9")) {
      this.number();
      return;
    }
    for (const word of ["true", "false", "null"]) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return;
      }
      if (ch === word[0]) {
        this.literalTail(word);
        return;
      }
    }
    this.fail(context === "beginning of value" ? "looking for beginning of value" : context);
  }
  private literalTail(word: string): void {
    for (let i = 0; i < word.length; i++, this.pos++) {
      if (this.text[this.pos] !== word[i]) this.fail(`in literal ${word} (expecting '${word[i]}')`);
    }
  }
  private object(): void {
    this.pos++;
    this.space();
    if (this.text[this.pos] === "}") return void this.pos++;
    for (;;) {
      this.space();
      if (this.text[this.pos] !== '"') this.fail("looking for beginning of object key string");
      this.string();
      this.space();
      if (this.text[this.pos] !== ":") this.fail("after object key");
      this.pos++;
      this.value("looking for beginning of value");
      this.space();
      if (this.text[this.pos] === ",") {
        this.pos++;
        continue;
      }
      if (this.text[this.pos] === "}") return void this.pos++;
      this.fail("after object key:value pair");
    }
  }
  private array(): void {
    this.pos++;
    this.space();
    if (this.text[this.pos] === "]") return void this.pos++;
    for (;;) {
      this.value("looking for beginning of value");
      this.space();
      if (this.text[this.pos] === ",") {
        this.pos++;
        continue;
      }
      if (this.text[this.pos] === "]") return void this.pos++;
      this.fail("after array element");
    }
  }
  private string(): void {
    this.pos++;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === '"') return void this.pos++;
      if (ch === "\\") {
        this.pos++;
        if (!'"\\/bfnrtu'.includes(this.text[this.pos] ?? "")) this.fail("in string escape code");
      } else if (ch < " ") this.fail("in string literal");
      this.pos++;
    }
    this.fail("in string literal");
  }
  private number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!match || match[0] === "-") {
      this.pos++;
      this.fail("in numeric literal");
    }
    this.pos += match[0].length;
  }
}

/**
 * aws-sdk-go-base's validation.JSONNoDuplicateKeys for a document that parses: each repeated
 * key as `duplicate key "a.b"` (its path joined by "."; array items by index), in document
 * order, joined by newlines as errors.Join does; undefined when there are none.
 */
export function goDuplicateKeys(text: string): string | undefined {
  const found: string[] = [];
  let pos = 0;
  const space = () => {
    while (" \t\r\n".includes(text[pos] ?? "x")) pos++;
  };
  const string = (): string => {
    const start = pos++;
    while (text[pos] !== '"') pos += text[pos] === "\\" ? 2 : 1;
    pos++;
    return JSON.parse(text.slice(start, pos));
  };
  const value = (path: readonly string[]): void => {
    space();
    const c = text[pos];
    if (c === "{") members(path);
    else if (c === "[") items(path);
    else if (c === '"') string();
    else while (pos < text.length && !",]} \t\r\n".includes(text[pos])) pos++;
  };
  const members = (path: readonly string[]) => {
    const keys = new Set<string>();
    pos++;
    for (space(); text[pos] !== "}"; space()) {
      if (text[pos] === ",") {
        pos++;
        space();
      }
      const key = string();
      if (keys.has(key)) found.push(`duplicate key "${[...path, key].join(".")}"`);
      keys.add(key);
      space();
      pos++; // the ":"
      value([...path, key]);
    }
    pos++;
  };
  const items = (path: readonly string[]) => {
    pos++;
    for (let i = 0; ; i++) {
      space();
      if (text[pos] === "]") break;
      if (text[pos] === ",") pos++;
      value([...path, String(i)]);
      space();
    }
    pos++;
  };
  value([]);
  return found.length ? found.join("\n") : undefined;
}
