export * from "./schema";
export * from "./validate";
export * from "./route-path";
export * from "./route-key";
export * from "./defaults";
export * from "./environments";
export * from "./names";
export * from "./limits";
export * from "./invoke-permissions";
import type { AccessModelInput } from "./schema";

/** Identity function that gives a model file type checking and editor completion. */
export function defineAccessModel(model: AccessModelInput): AccessModelInput {
  return model;
}
