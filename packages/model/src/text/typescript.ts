// Text that lands in TypeScript source the toolkit writes (a model file, a handler stub): a value
// from outside goes in as a literal, which JSON.stringify writes and nothing in the value can end
// (a comment could not hold it: a line break ends one), under a key the language keeps as a key.

/** A property name: `"__proto__": …` in an object literal sets the prototype instead of making the key. */
const key = (name: string) => (name === "__proto__" ? `[${JSON.stringify(name)}]` : JSON.stringify(name));

/** JSON data as a TypeScript expression that evaluates to it, laid out as JSON.stringify(value, null, 2) lays it out. */
export function typescriptLiteral(value: unknown, indent = ""): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => `${inner}${typescriptLiteral(item ?? null, inner)}`).join(",\n")}\n${indent}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    return `{\n${entries.map(([name, v]) => `${inner}${key(name)}: ${typescriptLiteral(v, inner)}`).join(",\n")}\n${indent}}`;
  }
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`a ${typeof value} is not JSON data: it has no literal`);
  return json;
}
