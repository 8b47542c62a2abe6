// Text that lands in a POSIX shell: every value from outside (a role name, a path, an example
// route) goes in as one single-quoted word, which the shell takes literally, whatever it holds.

/** `value` as one word of a POSIX shell: single-quoted, each `'` written as `'\''`. */
export function shellWord(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
