// auth0_trigger_actions: internal/auth0/action/resource_trigger_actions.go (NewTriggerActionsResource).
import { rulesOf } from "../build";
import { auth0File } from "../sources";
import type { ResourceCatalogue } from "../types";

const file = auth0File("internal/auth0/action/resource_trigger_actions.go", "NewTriggerActionsResource");
const r = rulesOf(file);

/** The trigger ids its ValidateFunc takes, in its order. */
const TRIGGERS = [
  "post-login",
  "credentials-exchange",
  "pre-user-registration",
  "post-user-registration",
  "post-change-password",
  "send-phone-message",
  "password-reset-post-challenge",
  "custom-email-provider",
  "custom-phone-provider",
  "login-post-identifier",
  "signup-post-identifier",
];

export const triggerActions: ResourceCatalogue = {
  provider: "auth0/auth0",
  type: "auth0_trigger_actions",
  source: file,
  rules: [
    r.required("trigger"),
    r.forceNew("trigger"),
    r.oneOf("trigger", TRIGGERS, false),
    r.required("actions.id"),
    r.required("actions.display_name"),
  ],
};
