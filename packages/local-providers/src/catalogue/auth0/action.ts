// auth0_action: internal/auth0/action/resource.go (NewResource). No CustomizeDiff; code, name and
// the dependencies' names and versions have no plan-time check (Auth0 checks them when it builds).
import { rulesOf } from "../build";
import { auth0File } from "../sources";
import type { ResourceCatalogue } from "../types";

const file = auth0File("internal/auth0/action/resource.go", "NewResource");
const r = rulesOf(file);
/** secrets_wo's value is write-only (terraform 1.11): the stand-in does not serve write-only attributes, and the stacks never set it. */
const WRITE_ONLY = "secrets_wo holds a write-only value, which the stand-in does not serve yet (the stacks use secrets)";

export const action: ResourceCatalogue = {
  provider: "auth0/auth0",
  type: "auth0_action",
  source: file,
  rules: [
    r.required("name"),
    r.required("code"),
    r.required("supported_triggers.id"),
    r.required("supported_triggers.version"),
    r.required("dependencies.name"),
    r.required("dependencies.version"),
    r.required("secrets.name"),
    r.required("secrets.value"),
    { ...r.required("secrets_wo.name"), notRun: WRITE_ONLY },
    { ...r.required("secrets_wo.value"), notRun: WRITE_ONLY },
    r.required("modules.module_id"),
    r.required("modules.module_version_id"),
    r.oneOf("runtime", ["node12", "node16", "node18", "node22"], false),
    { ...r.conflictsWith("secrets", ["secrets_wo"]), notRun: WRITE_ONLY },
    { ...r.conflictsWith("secrets_wo", ["secrets"]), notRun: WRITE_ONLY },
    { ...r.requiredWith("secrets_wo", ["secrets_wo_version"]), notRun: WRITE_ONLY },
    { ...r.requiredWith("secrets_wo_version", ["secrets_wo"]), notRun: WRITE_ONLY },
    r.default("deploy", false),
    { ...r.wholeNumber("secrets_wo_version"), notRun: WRITE_ONLY },
  ],
  calls: { "POST /api/v2/actions/actions": { service: "Auth0", wrap: "%s" } },
};
