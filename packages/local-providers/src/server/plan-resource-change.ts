// PlanResourceChange: the planned object and the paths that force a replacement, as the SDKv2
// providers these stand in for plan them.
import { applyDefaults, computeOnPlan, customizeDiffProblems, keepPriorValues, replacePaths, unknownOnUpdate } from "../catalogue/engine";
import type { ResourceCatalogue } from "../catalogue/types";
import { conform, decodeValue, encodeValue, isObj, same, UNKNOWN, type Obj, type SchemaBlock } from "../cty";
import type { ProviderContext } from "../provider";
import type { Diagnostic, RequestOf, ResponseOf } from "../rpc";
import { problemDiagnostics } from "./diagnostics";
import { keepPriorSetElements } from "./set-elements";
import type { ServerState } from "./state";

type Response = ResponseOf<"PlanResourceChange">;

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
  if (prior && catalogue) keepPriorValues(catalogue, block, planned, config, prior);
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
    keepPriorSetElements(planned, prior, block);
    const changed = new Set(Object.keys(planned).filter((k) => !same(prior[k], planned[k])));
    if (changed.size > 0) for (const name of unknownOnUpdate(catalogue, changed, planned)) planned[name] = UNKNOWN;
  }
  // A replacement's new object terraform plans again, as a create (no prior): the values are computed there.
  return { planned, replace };
}

const noPlan = (diagnostics: Diagnostic[]): Response => ({
  planned_state: { msgpack: encodeValue(null) },
  requires_replace: [],
  diagnostics,
  legacy_type_system: true,
});

export function planResourceChange<C extends ProviderContext>(server: ServerState<C>, request: RequestOf<"PlanResourceChange">): Response {
  const { block } = server.resourceSchema(request.type_name);
  const proposed = decodeValue(request.proposed_new_state?.msgpack);
  if (proposed === null) return noPlan([]);
  const catalogue = server.definition.resources[request.type_name]?.catalogue;
  const config = conform(decodeValue(request.config?.msgpack), block);
  const problems = catalogue ? customizeDiffProblems(catalogue, config) : [];
  if (problems.length > 0) return noPlan(problemDiagnostics(problems).diagnostics);
  const prior = decodeValue(request.prior_state?.msgpack);
  const extras = (p: Obj) => server.definition.planExtras?.(p, block, server.context);
  const { planned, replace } = plan(conform(proposed, block), config, isObj(prior) ? prior : null, block, catalogue, extras);
  return {
    planned_state: { msgpack: encodeValue(planned) },
    requires_replace: replace.map((steps) => ({
      steps: steps.map((step) => (typeof step === "number" ? { element_key_int: step } : { attribute_name: step })),
    })),
    planned_private: request.prior_private ?? Buffer.alloc(0),
    diagnostics: [],
    legacy_type_system: true,
  };
}
