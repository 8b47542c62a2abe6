// A provider built from a schema dump (`terraform providers schema -json`) and, per
// resource, the behaviour the real provider's source gives it: defaults, which changes
// force replacement, value validation, and the values known only after apply. The protocol
// side (plan, apply, read, upgrade) is generic and follows the SDKv2 providers these stand
// in for.
import { randomBytes } from "node:crypto";
import { applyDefaults, computeOnPlan, customizeDiffProblems, replacePaths, unknownOnUpdate, validateConfig } from "./catalogue/engine";
import type { ResourceCatalogue } from "./catalogue/types";
import {
  conform,
  decodeValue,
  encodeValue,
  isObj,
  isUnknown,
  same,
  UNKNOWN,
  type NestedBlock,
  type Obj,
  type ResourceSchema,
  type SchemaAttribute,
  type SchemaBlock,
  type Value,
} from "./cty";
import { refreshed } from "./cloud/attributes";
import { CloudStoreError } from "./cloud/store";
import type { AttributeMessage, BlockMessage, Diagnostic, ProviderRpcs } from "./rpc";
import { ProviderError, ServiceError } from "./service-rules";

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

// ---- schema → protocol messages --------------------------------------------------------

/** Nesting modes by the schema dump's names: nested attributes know the first four, blocks all five. */
const OBJECT_NESTING: Record<string, "SINGLE" | "LIST" | "SET" | "MAP"> = { single: "SINGLE", list: "LIST", set: "SET", map: "MAP" };
const BLOCK_NESTING: Record<string, "SINGLE" | "LIST" | "SET" | "MAP" | "GROUP"> = { ...OBJECT_NESTING, group: "GROUP" };

function protoAttribute(name: string, a: SchemaAttribute): AttributeMessage {
  return {
    name,
    type: a.type === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(a.type)),
    nested_type: a.nested_type
      ? {
          attributes: Object.entries(a.nested_type.attributes).map(([n, x]) => protoAttribute(n, x)),
          nesting: OBJECT_NESTING[a.nested_type.nesting_mode],
        }
      : undefined,
    description: a.description ?? "",
    required: !!a.required,
    optional: !!a.optional,
    computed: !!a.computed,
    sensitive: !!a.sensitive,
    deprecated: !!a.deprecated,
  };
}

function protoBlock(b: SchemaBlock): BlockMessage {
  return {
    attributes: Object.entries(b.attributes ?? {}).map(([n, a]) => protoAttribute(n, a)),
    block_types: Object.entries(b.block_types ?? {}).map(([n, nb]: [string, NestedBlock]) => ({
      type_name: n,
      block: protoBlock(nb.block),
      nesting: BLOCK_NESTING[nb.nesting_mode],
      min_items: nb.min_items ?? 0,
      max_items: nb.max_items ?? 0,
    })),
    description: b.description ?? "",
    deprecated: !!b.deprecated,
  };
}

const protoSchema = (s: ResourceSchema) => ({ version: s.version ?? 0, block: protoBlock(s.block) });

// ---- diagnostics -----------------------------------------------------------------------

function diagnostic(problem: Problem, severity: "ERROR" | "WARNING" = "ERROR"): Diagnostic {
  return {
    severity,
    summary: problem.summary,
    detail: problem.detail ?? "",
    attribute: problem.path.length
      ? { steps: problem.path.map((s) => (typeof s === "number" ? { element_key_int: s } : { attribute_name: s })) }
      : undefined,
  };
}
const error = (summary: string, detail = ""): Diagnostic => diagnostic({ path: [], summary, detail });

// ---- plan helpers ----------------------------------------------------------------------

/** Computed attributes the configuration leaves null become unknown, recursively (a new object). */
function unknownComputed(planned: Obj, config: Obj | null, block: SchemaBlock): void {
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    if (attr.computed && (config?.[name] ?? null) === null && planned[name] === null) planned[name] = UNKNOWN;
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const value = planned[name];
    const configured = config?.[name];
    const elements = Array.isArray(value) ? value : isObj(value) && nested.nesting_mode !== "map" ? [value] : [];
    elements.forEach((element, i) => {
      if (!isObj(element)) return;
      const c = Array.isArray(configured) ? configured[i] : configured;
      unknownComputed(element, isObj(c) ? c : null, nested.block);
    });
  }
}

/** Unknowns left after the provider's own values: a neutral value of the attribute's type. */
function fillUnknowns(value: Obj, block: SchemaBlock): void {
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    if (isUnknown(value[name])) value[name] = neutral(attr.type);
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const v = value[name];
    if (isUnknown(v))
      value[name] = nested.nesting_mode === "single" || nested.nesting_mode === "group" ? null : nested.nesting_mode === "map" ? {} : [];
    else if (Array.isArray(v)) {
      for (const e of v) if (isObj(e)) fillUnknowns(e, nested.block);
    } else if (isObj(v) && nested.nesting_mode !== "map") fillUnknowns(v, nested.block);
  }
}

function neutral(type: unknown): Value {
  if (type === "string") return "";
  if (type === "number") return 0;
  if (type === "bool") return false;
  if (Array.isArray(type) && type[0] === "map") return {};
  if (Array.isArray(type) && (type[0] === "list" || type[0] === "set")) return [];
  return null;
}

export const randomId = (length = 20, alphabet = "abcdefghijklmnopqrstuvwxyz0123456789") =>
  Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join("");

/**
 * The planned object: defaults for what the configuration leaves null, the provider's
 * region and tags, and unknown computed values on create and replacement, or, on an update,
 * those the catalogue's plan modifiers name.
 */
function plan(
  proposed: Obj,
  config: Obj,
  prior: Obj | null,
  block: SchemaBlock,
  catalogue: ResourceCatalogue | undefined,
  extras?: (planned: Obj) => void,
) {
  const planned = proposed;
  const defaulted = catalogue ? applyDefaults(catalogue, block, planned, config) : new Set<string>();
  extras?.(planned);
  // What the provider computes at plan, before deciding on replacement: it can make a change vanish (ACM's domain in the SANs).
  if (catalogue) computeOnPlan(catalogue, planned, prior);
  const replace = prior && catalogue ? replacePaths(catalogue, block, prior, planned) : [];
  if (!prior || replace.length > 0) {
    // A new object: what the configuration does not set is known only after apply.
    if (prior) {
      for (const [name, attr] of Object.entries(block.attributes ?? {})) {
        if (attr.computed && (config[name] ?? null) === null && !defaulted.has(name)) planned[name] = null;
      }
      extras?.(planned);
    }
    unknownComputed(planned, config, block);
  } else if (catalogue) {
    const changed = new Set(Object.keys(planned).filter((k) => !same(prior[k], planned[k])));
    if (changed.size > 0) for (const name of unknownOnUpdate(catalogue, changed, planned)) planned[name] = UNKNOWN;
  }
  // A replacement's new object terraform plans again, as a create (no prior): the values are computed there.
  return { planned, replace };
}

/** What `known` answers for the values `state` has unknown, also inside a one-element block. */
function fillFrom(state: Obj, known: Obj): void {
  for (const [name, value] of Object.entries(known)) {
    const planned = state[name];
    if (isUnknown(planned)) state[name] = value;
    // A block's unknowns element by element (a custom domain's target inside its configuration).
    else if (Array.isArray(planned) && Array.isArray(value) && planned.length === value.length) {
      for (const [i, element] of planned.entries()) if (isObj(element) && isObj(value[i])) fillFrom(element, value[i]);
    }
  }
}

/** The service defaults of the catalogue ("computed" rules) for what is still unknown after the calls. */
function serviceDefaults(catalogue: ResourceCatalogue, state: Obj): void {
  for (const rule of catalogue.rules) {
    if (rule.kind === "computed" && rule.notRun === undefined && isUnknown(state[rule.path])) state[rule.path] = rule.value;
  }
}

// ---- the provider service --------------------------------------------------------------

export function providerService<C extends ProviderContext>(definition: ProviderDefinition<C>): ProviderRpcs {
  const { schema } = definition;
  let context: C = definition.context({}, process.env);

  const resourceSchema = (type: string): ResourceSchema => {
    const s = schema.resource_schemas[type];
    if (!s)
      throw new UnsupportedTypeError(
        `the local stand-in for ${definition.address} has no schema for resource ${type}; it serves ${Object.keys(schema.resource_schemas).join(", ")}`,
      );
    return s;
  };
  const dataSchema = (type: string): ResourceSchema => {
    const s = schema.data_source_schemas?.[type];
    if (!s)
      throw new UnsupportedTypeError(
        `the local stand-in for ${definition.address} has no schema for data source ${type}; it serves ${Object.keys(schema.data_source_schemas ?? {}).join(", ") || "none"}`,
      );
    return s;
  };
  /** Runs `body`; a type the stand-in does not know becomes an error diagnostic naming it. */
  const guarded = async <R>(body: () => R | Promise<R>, field = "diagnostics"): Promise<R> => {
    try {
      return await body();
    } catch (err) {
      if (err instanceof UnsupportedTypeError) return { [field]: [error(err.message)] } as R;
      throw err;
    }
  };
  const validate = (problems: Problem[] | undefined) => ({ diagnostics: (problems ?? []).map((p) => diagnostic(p)) });

  /** Runs the behaviour's create, update or delete: the response terraform expects of ApplyResourceChange. */
  const applied = (planned: Obj | null, prior: Obj | null, block: SchemaBlock, behaviour: ResourceBehaviour<C> | undefined) => {
    if (planned === null) {
      if (prior) behaviour?.delete?.(prior, context);
      return { new_state: { msgpack: encodeValue(null) }, diagnostics: [], legacy_type_system: true };
    }
    const state = planned;
    const known = (prior ? behaviour?.update?.(state, prior, context) : behaviour?.create?.(state, context)) ?? {};
    // The service's answer fills in what the plan left unknown; what the plan knew stays as planned.
    fillFrom(state, known);
    if (behaviour) serviceDefaults(behaviour.catalogue, state);
    if (isUnknown(state.id)) state.id = randomId();
    fillUnknowns(state, block);
    return { new_state: { msgpack: encodeValue(state) }, private: Buffer.alloc(0), diagnostics: [], legacy_type_system: true };
  };

  return {
    GetProviderSchema: () => ({
      provider: protoSchema(schema.provider),
      resource_schemas: Object.fromEntries(Object.entries(schema.resource_schemas).map(([k, v]) => [k, protoSchema(v)])),
      data_source_schemas: Object.fromEntries(Object.entries(schema.data_source_schemas ?? {}).map(([k, v]) => [k, protoSchema(v)])),
      diagnostics: [],
      server_capabilities: { plan_destroy: false, get_provider_schema_optional: false, move_resource_state: false },
    }),
    ValidateProviderConfig: () => ({ diagnostics: [] }),
    ConfigureProvider: (req) => {
      context = definition.context(conform(decodeValue(req.config?.msgpack), schema.provider.block), process.env);
      return { diagnostics: [] };
    },
    StopProvider: () => ({ Error: "" }),

    ValidateResourceConfig: (req) =>
      guarded(() => {
        const s = resourceSchema(req.type_name);
        const behaviour = definition.resources[req.type_name];
        return validate(behaviour ? validateConfig(behaviour.catalogue, s.block, conform(decodeValue(req.config?.msgpack), s.block)) : []);
      }),
    ValidateDataResourceConfig: (req) =>
      guarded(() => {
        const s = dataSchema(req.type_name);
        const behaviour = definition.dataSources[req.type_name];
        return validate(behaviour ? validateConfig(behaviour.catalogue, s.block, conform(decodeValue(req.config?.msgpack), s.block)) : []);
      }),

    UpgradeResourceState: (req) =>
      guarded(() => {
        const s = resourceSchema(req.type_name);
        const raw = req.raw_state?.json?.length ? JSON.parse(Buffer.from(req.raw_state.json).toString("utf8")) : null;
        return { upgraded_state: { msgpack: encodeValue(raw === null ? null : conform(raw, s.block)) }, diagnostics: [] };
      }),

    ReadResource: (req) =>
      guarded(() => {
        const s = resourceSchema(req.type_name);
        const read = definition.resources[req.type_name]?.read;
        const current = decodeValue(req.current_state?.msgpack);
        if (!read || !context.persistent || !isObj(current)) return { new_state: req.current_state, diagnostics: [], private: req.private };
        try {
          // What the service holds now, so a change made behind terraform's back shows as drift; null: it is gone.
          const now = read(current, context);
          return {
            new_state: { msgpack: encodeValue(now === null ? null : conform(refreshed(current, now), s.block)) },
            diagnostics: [],
            private: req.private,
          };
        } catch (err) {
          if (!(err instanceof ServiceError) && !(err instanceof ProviderError) && !(err instanceof CloudStoreError)) throw err;
          return { new_state: req.current_state, diagnostics: [error(err.message)], private: req.private };
        }
      }),

    PlanResourceChange: (req) =>
      guarded(() => {
        const s = resourceSchema(req.type_name);
        const proposed = decodeValue(req.proposed_new_state?.msgpack);
        if (proposed === null)
          return { planned_state: { msgpack: encodeValue(null) }, requires_replace: [], diagnostics: [], legacy_type_system: true };
        const catalogue = definition.resources[req.type_name]?.catalogue;
        const config = conform(decodeValue(req.config?.msgpack), s.block);
        const problems = catalogue ? customizeDiffProblems(catalogue, config) : [];
        if (problems.length > 0)
          return { planned_state: { msgpack: encodeValue(null) }, requires_replace: [], ...validate(problems), legacy_type_system: true };
        const prior = decodeValue(req.prior_state?.msgpack);
        const extras = (p: Obj) => definition.planExtras?.(p, s.block, context);
        const { planned, replace } = plan(conform(proposed, s.block), config, isObj(prior) ? prior : null, s.block, catalogue, extras);
        return {
          planned_state: { msgpack: encodeValue(planned) },
          requires_replace: replace.map((steps) => ({
            steps: steps.map((step) => (typeof step === "number" ? { element_key_int: step } : { attribute_name: step })),
          })),
          planned_private: req.prior_private ?? Buffer.alloc(0),
          diagnostics: [],
          legacy_type_system: true,
        };
      }),

    ApplyResourceChange: (req) =>
      guarded(() => {
        const s = resourceSchema(req.type_name);
        const planned = decodeValue(req.planned_state?.msgpack);
        const prior = decodeValue(req.prior_state?.msgpack);
        const behaviour = definition.resources[req.type_name];
        try {
          return applied(planned === null ? null : conform(planned, s.block), isObj(prior) ? prior : null, s.block, behaviour);
        } catch (err) {
          if (!(err instanceof ServiceError) && !(err instanceof ProviderError) && !(err instanceof CloudStoreError)) throw err;
          const summary =
            err instanceof ServiceError && behaviour ? definition.formatError(err, behaviour.catalogue, isObj(planned) ? planned : {}) : err.message;
          // A create that failed leaves nothing behind; a failed update or delete keeps the prior object.
          return { new_state: { msgpack: encodeValue(isObj(prior) ? prior : null) }, diagnostics: [error(summary)], legacy_type_system: true };
        }
      }),

    ImportResourceState: (req) =>
      guarded(() => {
        const s = resourceSchema(req.type_name);
        const importState = definition.resources[req.type_name]?.importState;
        if (!importState) {
          return {
            imported_resources: [],
            diagnostics: [
              error(
                `the local stand-in for ${definition.address} does not import ${req.type_name}`,
                `${req.type_name} ${req.id}: import it against the real provider`,
              ),
            ],
          };
        }
        try {
          // As the SDK's passthrough importers do: the id parsed into the attributes read needs; read fills the rest.
          const state = conform(importState(String(req.id ?? ""), context), s.block);
          return {
            imported_resources: [{ type_name: req.type_name, state: { msgpack: encodeValue(state) }, private: Buffer.alloc(0) }],
            diagnostics: [],
          };
        } catch (err) {
          if (!(err instanceof ServiceError) && !(err instanceof ProviderError) && !(err instanceof CloudStoreError)) throw err;
          return { imported_resources: [], diagnostics: [error(err.message)] };
        }
      }),

    ReadDataSource: (req) =>
      guarded(() => {
        const s = dataSchema(req.type_name);
        const behaviour = definition.dataSources[req.type_name];
        const config = conform(decodeValue(req.config?.msgpack), s.block);
        if (!behaviour) return { diagnostics: [error(`the local stand-in for ${definition.address} does not model data source ${req.type_name}`)] };
        // A data source is read while planning: its read-time errors are plan-time errors.
        const problems = customizeDiffProblems(behaviour.catalogue, config);
        if (problems.length > 0) return validate(problems);
        applyDefaults(behaviour.catalogue, s.block, config, structuredClone(config));
        let read: Obj;
        try {
          read = behaviour.read(config, context);
        } catch (err) {
          // What the read found wrong in the service's answer (no such hosted zone): a plan-time error.
          if (err instanceof ProviderError || err instanceof ServiceError) return { diagnostics: [error(err.message)] };
          throw err;
        }
        const state = { ...config, ...read };
        fillUnknowns(state, s.block);
        return { state: { msgpack: encodeValue(conform(state, s.block)) }, diagnostics: [] };
      }),
  };
}

class UnsupportedTypeError extends Error {}
