/** The provider versions the stacks pin and the stand-ins stand in for. */
export declare const PINNED: { readonly auth0: "1.55.0"; readonly aws: "6.25.0" };
/** The schema file of `provider` at `version`; throws, naming the versions there are, when there is none. */
export declare function schemaFile(provider: "auth0" | "aws" | (string & {}), version: string): string;
