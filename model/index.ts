export * from "./schema";
export * from "./validate";
export * from "./route-path";
export * from "./route-key";
export * from "./defaults";
export * from "./environments";
export * from "./define";
