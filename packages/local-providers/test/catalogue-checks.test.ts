// The catalogue's checks word their failures as the Go providers do: Go's %q and %v, and the
// branches of verify.ValidIAMPolicyJSON down to its duplicate-key check (aws-sdk-go-base).
import { failuresOf } from "../src/catalogue/checks";
import { goDuplicateKeys, goFloat, goJsonError, goQuote } from "../src/catalogue/go-format";

const policyError = (s: string) => failuresOf({ type: "iam-policy-json" }, s).map((f) => f.err);

it("quotes and prints numbers as Go's fmt does", () => {
  expect(goQuote('a"b\n\u0007')).toBe('"a\\"b\\n\\a"');
  expect([goFloat(1.5), goFloat(2592000.5), goFloat(1e21), goFloat(0.00001)]).toEqual(["1.5", "2.5920005e+06", "1e+21", "1e-05"]);
});

it("gives encoding/json's error for a document that does not parse", () => {
  expect(goJsonError('{"a":')?.message).toBe("unexpected end of JSON input");
  expect(goJsonError('{"a":1}')).toBeUndefined();
});

it("refuses each branch of an IAM policy document in the provider's words", () => {
  expect(policyError("")).toEqual(["is an empty string, which is not a valid JSON value"]);
  expect(policyError(' {"a":1}')).toEqual(["contains an invalid JSON policy: leading space characters are not allowed"]);
  expect(policyError("[1]")).toEqual(["contains an invalid JSON policy: contains a JSON array, not a JSON object"]);
  expect(policyError('{"Version":"2012-10-17","Statement":[]}')).toEqual([]);
  expect(policyError('{"Version":"1","Version":"2"}')).toEqual(['contains duplicate JSON keys: duplicate key "Version"']);
});

it("finds duplicate keys at every depth, in document order, as JSONNoDuplicateKeys joins them", () => {
  expect(goDuplicateKeys('{"a":1,"a":{"b":[{"c":1,"c":"x\\"}"}],"b":2}, "d":[1, {"e":1,"e":2}]}')).toBe(
    ['duplicate key "a"', 'duplicate key "a.b.0.c"', 'duplicate key "a.b"', 'duplicate key "d.1.e"'].join("\n"),
  );
  expect(goDuplicateKeys('{"a":{"a":1},"b":[{"a":1},{"a":2}]}')).toBeUndefined();
});
