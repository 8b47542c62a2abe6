// ApplyResourceChange: the behaviour's create, update or delete, and the new state from the
// services' answers.
import type { ResourceCatalogue } from "../catalogue/types";
import { conform, decodeValue, encodeValue, isObj, isUnknown, type Obj } from "../cty";
import type { ProviderContext } from "../provider";
import { randomId } from "../random-id";
import type { Diagnostic, RequestOf, ResponseOf } from "../rpc";
import { ServiceError } from "../service-rules";
import { errorDiagnostic } from "./diagnostics";
import { fillUnknowns } from "./fill-unknowns";
import type { ServerState } from "./state";
import type { ReportedError } from "./triage";

type Request = RequestOf<"ApplyResourceChange">;
type Response = ResponseOf<"ApplyResourceChange">;

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

export function applyResourceChange<C extends ProviderContext>(server: ServerState<C>, request: Request): Response {
  const { block } = server.resourceSchema(request.type_name);
  const planned = decodeValue(request.planned_state?.msgpack);
  const prior = decodeValue(request.prior_state?.msgpack);
  const behaviour = server.definition.resources[request.type_name];
  if (planned === null) {
    if (isObj(prior)) behaviour?.delete?.(prior, server.context);
    return { new_state: { msgpack: encodeValue(null) }, diagnostics: [], legacy_type_system: true };
  }
  const state = conform(planned, block);
  const known = (isObj(prior) ? behaviour?.update?.(state, prior, server.context) : behaviour?.create?.(state, server.context)) ?? {};
  // The service's answer fills in what the plan left unknown; what the plan knew stays as planned.
  fillFrom(state, known);
  for (const name of behaviour?.setOnApply ?? []) if (name in known) state[name] = known[name];
  if (behaviour) serviceDefaults(behaviour.catalogue, state);
  if (isUnknown(state.id)) state.id = randomId();
  fillUnknowns(state, block);
  return { new_state: { msgpack: encodeValue(state) }, private: Buffer.alloc(0), diagnostics: [], legacy_type_system: true };
}

/** A create that failed leaves nothing behind; a failed update or delete keeps the prior object. */
export function keepPriorState<C extends ProviderContext>(
  diagnostic: Diagnostic,
  request: Request,
  error: ReportedError,
  server: ServerState<C>,
): Response {
  const planned = decodeValue(request.planned_state?.msgpack);
  const prior = decodeValue(request.prior_state?.msgpack);
  const { definition } = server;
  const behaviour = definition.resources[request.type_name];
  // A refused call in the provider's apply-time wording, around the service's answer.
  const refused = error instanceof ServiceError && behaviour;
  return {
    new_state: { msgpack: encodeValue(isObj(prior) ? prior : null) },
    diagnostics: [refused ? errorDiagnostic(definition.formatError(error, behaviour.catalogue, isObj(planned) ? planned : {})) : diagnostic],
    legacy_type_system: true,
  };
}
