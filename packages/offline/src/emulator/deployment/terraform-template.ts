// A string terraform reads from the synthesized JSON is a template (hashicorp/hcl
// hclsyntax/spec.md, "Templates": "the HCL JSON profile treats the values of JSON strings as
// standalone templates"). Its literal value is what is left once the escapes are undone:
// "The `${` sequence is escaped as `$${` and the `%{` sequence is escaped as `%%{`"
// (same file, "Template Literals"). Anything else is an expression only terraform can evaluate.

/** The literal a template string stands for; an interpolation or a directive in it is refused, naming `where`. */
export function templateLiteral(template: string, where: string): string {
  let literal = "";
  for (let i = 0; i < template.length; i++) {
    const pair = template.slice(i, i + 2);
    // Scanned from the left, as terraform scans it: "$$${" is "$" and then the escape "$${".
    if ((pair === "$$" || pair === "%%") && template[i + 2] === "{") {
      literal += `${template[i]}{`;
      i += 2;
    } else if (pair === "${" || pair === "%{") {
      const what = pair === "${" ? "an interpolation" : "a directive";
      throw new Error(
        `${where}: ${JSON.stringify(template.slice(i, i + 40))} is ${what} terraform evaluates; the emulator reads literal values only (escaped as $\${ and %%{)`,
      );
    } else {
      literal += template[i];
    }
  }
  return literal;
}
