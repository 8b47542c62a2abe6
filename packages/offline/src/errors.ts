// Problems the user fixes by changing a setting, a flag or a file: every command says them in
// one line after its name, without a stack (commands/main.ts); anything else is a bug and is
// said with its stack.
export class UserError extends Error {
  constructor(message?: string) {
    super(message);
    this.name = new.target.name;
  }
}
