// terraform.ts: a value written as a terraform template reads back as the value, whatever
// `${`, `%{`, `$${` or `%%{` it holds (terraform itself reads it so in offline's
// test/terraform/actions-code.terraform.ts).
import fc from "fast-check";
import { readTerraformString, terraformString } from "../src/text";
import { hostile, RUNS } from "./fixtures/hostile-strings";

const template = fc
  .array(fc.oneof(fc.constantFrom("$", "%", "{", "}", "${", "%{", "$${", "%%{", "$$", "%%", "~", "\\"), hostile), { maxLength: 12 })
  .map((parts) => parts.join(""));

it("reads back what it wrote", () => {
  fc.assert(
    fc.property(template, (value) => {
      expect(readTerraformString(terraformString(value))).toBe(value);
    }),
    RUNS,
  );
});

/** Where, read left to right as terraform's scanner reads literal text, a template opens an interpolation or a directive. */
function openings(template: string): number[] {
  const found: number[] = [];
  for (let i = 0; i < template.length; i++) {
    const three = template.slice(i, i + 3);
    if (three === "$${" || three === "%%{") i += 2;
    else if (three.startsWith("${") || three.startsWith("%{")) found.push(i);
  }
  return found;
}

it("leaves no interpolation or directive open", () => {
  fc.assert(
    fc.property(template, (value) => {
      expect(openings(terraformString(value))).toEqual([]);
    }),
    RUNS,
  );
  expect(terraformString("a ${b} %{ if c } $${d} %%{e}")).toBe("a $${b} %%{ if c } $$${d} %%%{e}");
});
