// terminal.ts: a terminal is sent no control character of a value but line feed and tab.
import fc from "fast-check";
import { terminalText } from "../src/text";
import { hostile, RUNS } from "./fixtures/hostile-strings";

describe("terminalText", () => {
  it("sends no control character but line feed and tab, a lone ESC and a C1 control included", () => {
    expect(terminalText("a\u001b[2Jb\u001bc\u009b31m\r\u0007\n\td")).toBe("a\\x1b[2Jb\\x1bc\\x9b31m\\x0d\\x07\n\td");
    fc.assert(
      fc.property(hostile, (value) => expect(terminalText(value)).not.toMatch(/[^\P{Cc}\n\t]/u)),
      RUNS,
    );
  });
});
