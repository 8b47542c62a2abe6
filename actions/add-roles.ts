// A post-login Action (bound by the auth0 stack, run by Auth0 at every login and token refresh):
// the user's roles in the access token, as a namespaced claim. "roles" alone is a claim name Auth0
// restricts, and a namespace the team controls keeps a custom claim apart from registered ones
// (https://auth0.com/docs/secure/tokens/json-web-tokens/create-custom-claims). GET /me
// (lambda-src/get-me.ts) answers with it.

/** The claim's name: the API's identifier as the namespace. */
export const ROLES_CLAIM = "https://unicorns.example.com/roles";

/** What this Action reads of Auth0's post-login `event`. */
interface PostLoginEvent {
  readonly authorization?: { readonly roles: readonly string[] };
}

/** What it calls of Auth0's post-login `api`. */
interface PostLoginApi {
  readonly accessToken: { setCustomClaim(name: string, value: unknown): void };
}

export const onExecutePostLogin = async (event: PostLoginEvent, api: PostLoginApi): Promise<void> => {
  api.accessToken.setCustomClaim(ROLES_CLAIM, [...(event.authorization?.roles ?? [])]);
};
