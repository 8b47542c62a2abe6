// auth0_user: internal/auth0/user/resource.go (NewResource).
import { rulesOf } from "../build";
import { auth0File } from "../sources";
import type { ResourceCatalogue } from "../types";

const file = auth0File("internal/auth0/user/resource.go", "NewResource");
const r = rulesOf(file);

/** connection_name is Required but not ForceNew, and has no validator (the old stand-in invented both). */
export const user: ResourceCatalogue = {
  provider: "auth0/auth0",
  type: "auth0_user",
  source: file,
  rules: [
    r.required("connection_name"),
    r.json("user_metadata"),
    r.json("app_metadata"),
    r.diffSuppress("user_id", "auth0-user-id", 'DiffSuppressFunc: oldVal == "auth0|"+newVal'),
  ],
};
