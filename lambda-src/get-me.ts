// GET /me (needs read:unicorn): who the caller is, with the roles the add-roles Action put in
// their token (actions/add-roles.ts).
import { ROLES_CLAIM } from "../actions/add-roles";
import { caller, json, withErrorHandling } from "./lib/http";

/**
 * The roles as the JWT authorizer passes a list claim to the handler: every claim arrives as a
 * string, a list as "[a b]" (its elements joined by spaces, in brackets). A role name with a space
 * in it would come apart here: the authorizer's format cannot tell the two apart.
 */
export function rolesOf(claim: unknown): string[] {
  if (typeof claim !== "string") return [];
  const list = /^\[(.*)\]$/s.exec(claim)?.[1] ?? claim;
  return list.split(" ").filter((role) => role !== "");
}

export const handler = withErrorHandling("get-me", async (event) => {
  const claims = event.requestContext.authorizer.jwt.claims;
  return json(200, { sub: caller(event) ?? null, roles: rolesOf(claims[ROLES_CLAIM]) });
});
