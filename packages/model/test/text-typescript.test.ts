// typescript.ts: a literal evaluates to the value it was written from, every key its own.
import fc from "fast-check";
import { typescriptLiteral } from "../src/text";
import { hostile, RUNS } from "./fixtures/hostile-strings";

describe("typescriptLiteral", () => {
  const json = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      fc.constant(null),
      fc.boolean(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
      hostile,
      tie("array"),
      tie("object"),
    ),
    array: fc.array(tie("value"), { maxLength: 3 }),
    object: fc
      .array(fc.tuple(fc.oneof(fc.constantFrom("__proto__", "constructor", "toString"), hostile), tie("value")), { maxLength: 3 })
      .map((entries) => Object.fromEntries(entries)),
  })).value;

  it("evaluates to the value, every key its own, __proto__ too", () => {
    fc.assert(
      fc.property(json, (value) => {
        const evaluated = new Function(`return (${typescriptLiteral(value)});`)();
        expect(JSON.stringify(evaluated)).toBe(JSON.stringify(value));
      }),
      RUNS,
    );
    const literal = typescriptLiteral(Object.fromEntries([["__proto__", "rol_1"]]));
    expect(literal).toBe('{\n  ["__proto__"]: "rol_1"\n}');
  });

  it("is JSON.stringify's layout where no key needs more", () => {
    const value = { api: { name: "Unicorn API" }, roles: [{ name: "rider", permissions: ["read:unicorn"] }], empty: [], none: {} };
    expect(typescriptLiteral(value)).toBe(JSON.stringify(value, null, 2));
  });
});
