export * from "./project";
export * from "./state";
export * from "./synth-record";
export * from "./content-record";
export * from "./atomic-write";
export * from "./lock";
