// Text that lands in a string terraform reads (cdk.tf.json): terraform reads every string of a
// configuration as a template, where `${` opens an interpolation and `%{` a directive, in its
// JSON syntax too. A value from outside (an Action's code, a user's metadata) is written with
// each of them escaped, as terraform's template syntax escapes them: `$${` and `%%{`.
// https://developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences

/** `value` as a terraform template that evaluates to exactly `value`. */
export function terraformString(value: string): string {
  // A function, not a replacement string: in one, "$$" would stand for a single "$".
  return value.replace(/[$%]\{/g, (opening) => `${opening[0]}${opening}`);
}

/** What terraformString wrote, as the value it was: read left to right, as terraform's scanner reads a template's literal text. */
export function readTerraformString(template: string): string {
  return template.replace(/\$\$\{|%%\{|[\s\S]/g, (part) => (part === "$${" ? "${" : part === "%%{" ? "%{" : part));
}
