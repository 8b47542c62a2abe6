// Text that lands in a terminal: every control character but the line feed and the tab (the
// other C0 controls, ESC among them, DEL, and the C1 controls a terminal may take for ESC
// sequences) is shown as an escape like `\x1b` instead of being sent. Stripping only whole
// sequences (node's stripVTControlCharacters) would still send a lone ESC or a C1 control.

const CONTROL = /[^\P{Cc}\n\t]/gu;

/** `text` with each control character but line feed and tab shown as `\xNN`. */
export function terminalText(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
