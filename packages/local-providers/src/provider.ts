// A provider built from a schema dump (`terraform providers schema -json`) and, per
// resource, the behaviour the real provider's source gives it: defaults, which changes
// force replacement, value validation, and the values known only after apply. The protocol
// side (plan, apply, read, upgrade) is generic and follows the SDKv2 providers these stand
// in for: src/server/, one file per RPC.
import type { ResourceCatalogue } from "./catalogue/types";
import type { Obj, ResourceSchema, SchemaBlock } from "./cty";
import type { ServiceError } from "./service-rules";

export type PathStep = string | number;

export interface Problem {
  readonly path: readonly PathStep[];
  readonly summary: string;
  readonly detail?: string;
}

export interface ProviderContext {
  /** The provider block's configuration, as terraform sent it. */
  readonly config: Obj;
  readonly env: NodeJS.ProcessEnv;
  /**
   * Whether the services' objects outlive this process (LOCAL_CLOUD_DIR): only then does a
   * refresh ask them; without it, a read returns the stored state, as before the local cloud.
   */
  readonly persistent?: boolean;
}

/**
 * One resource type: its catalogue (the rules the stand-in runs at validate and plan) and the
 * service calls its apply makes. Each call goes to an object standing for the service API,
 * which refuses what the service refuses (a ServiceError).
 */
export interface ResourceBehaviour<C extends ProviderContext = ProviderContext> {
  readonly catalogue: ResourceCatalogue;
  /** Create: the values of computed attributes, as the services answer them. */
  readonly create?: (planned: Obj, context: C) => Obj;
  /** Update in place: the computed values that change. */
  readonly update?: (planned: Obj, prior: Obj, context: C) => Obj;
  readonly delete?: (prior: Obj, context: C) => void;
  /**
   * Read (refresh): the attributes as the service holds the object now, or null when it is gone.
   * Absent: the stored state is read back as it is.
   */
  readonly read?: (prior: Obj, context: C) => Obj | null;
  /** Import: the state an import id names (the ids read parses), before read fills the rest. */
  readonly importState?: (id: string, context: C) => Obj;
  /**
   * Computed attributes the provider's create or update sets from the service's answer whatever
   * the plan held (SDKv2's legacy type system lets it): their answered value is the new state.
   * @default - none: the plan's known values stay
   */
  readonly setOnApply?: readonly string[];
}

export interface DataSourceBehaviour<C extends ProviderContext = ProviderContext> {
  readonly catalogue: ResourceCatalogue;
  readonly read: (config: Obj, context: C) => Obj;
}

export interface ProviderSchemaDump {
  readonly provider: ResourceSchema;
  readonly resource_schemas: Record<string, ResourceSchema>;
  readonly data_source_schemas?: Record<string, ResourceSchema>;
}

export interface ProviderDefinition<C extends ProviderContext = ProviderContext> {
  /** "auth0/auth0", for messages. */
  readonly address: string;
  readonly schema: ProviderSchemaDump;
  readonly resources: Readonly<Record<string, ResourceBehaviour<C>>>;
  readonly dataSources: Readonly<Record<string, DataSourceBehaviour<C>>>;
  readonly context: (config: Obj, env: NodeJS.ProcessEnv) => C;
  /** A refused call in the provider's apply-time wording: `call`'s wrapping around the service's answer. */
  readonly formatError: (error: ServiceError, catalogue: ResourceCatalogue, planned: Obj) => string;
  /** Attributes every resource gets from the provider at plan (aws: region, tags_all). */
  readonly planExtras?: (planned: Obj, schema: SchemaBlock, context: C) => void;
}

export { randomId } from "./random-id";
export { providerService } from "./server";
