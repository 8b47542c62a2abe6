// Names and values that came from outside (a model, a pull request, an account, a request) are
// data: each target they are written into has one module here that writes them so they stay data.
export * from "./markdown";
export * from "./shell";
export * from "./terminal";
export * from "./terraform";
export * from "./typescript";
