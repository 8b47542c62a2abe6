// The test app: log in with Auth0, see what the access token grants and the claims Actions add,
// call the API's GET routes (npm start lists them) or any path.
import { createAuth0Client, type Auth0Client } from "@auth0/auth0-spa-js";

interface AuthConfig {
  domain: string;
  clientId: string;
  audience: string;
  scope: string;
  apiOrigin: string;
  /** The API's GET routes with a path to call each; npm start's configuration has them. */
  routes?: { routeKey: string; path: string }[];
}

/** What Auth0 and the JWT authorizer put in every access token; anything else was added by an Action. */
const STANDARD_CLAIMS = new Set(["iss", "sub", "aud", "iat", "exp", "nbf", "jti", "azp", "scope", "permissions", "gty", "org_id", "org_name"]);

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function show(status: string, text: string): void {
  const result = $("result");
  result.dataset.status = status;
  result.textContent = text;
}

function claimsOf(token: string): Record<string, unknown> {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload));
  } catch {
    return {}; // an opaque token: no audience was requested
  }
}

async function callApi(client: Auth0Client, config: AuthConfig, path: string): Promise<void> {
  show("", `GET ${path} …`);
  try {
    // Logged out, the call goes without a token, so the API's own 401 is what shows.
    const headers: Record<string, string> = (await client.isAuthenticated()) ? { authorization: `Bearer ${await client.getTokenSilently()}` } : {};
    const response = await fetch(`${config.apiOrigin}${path}`, { headers });
    const body = await response.text();
    let pretty = body;
    try {
      pretty = JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      // not JSON: show it as it came
    }
    const verdict =
      response.status === 403
        ? " — access denied: your role lacks the permission"
        : response.status === 401
          ? headers.authorization
            ? " — not authorized: log in again"
            : " — not authorized: log in first"
          : "";
    show(String(response.status), `${response.status} ${response.statusText}${verdict}\n\n${pretty}`);
  } catch (err) {
    show("error", `The call failed: ${(err as Error).message}`);
  }
}

async function render(client: Auth0Client): Promise<void> {
  const authenticated = await client.isAuthenticated();
  $("login").hidden = authenticated;
  $("logout").hidden = !authenticated;
  $("profile").hidden = !authenticated;
  $("status").textContent = authenticated ? "" : "You are not logged in: calls go out without a token.";
  if (!authenticated) return;
  const user = await client.getUser();
  const claims = claimsOf((await client.getTokenSilently()) ?? "");
  $("user").textContent = `${user?.email ?? user?.sub ?? "?"}`;
  $("scope").textContent = String(claims.scope ?? "(opaque token: no audience)");
  $("permissions").textContent = Array.isArray(claims.permissions) ? claims.permissions.join(" ") || "(none)" : "(not in token)";
  const others = Object.entries(claims).filter(([name]) => !STANDARD_CLAIMS.has(name));
  $("claims").textContent = others.length ? others.map(([name, value]) => `${name} = ${JSON.stringify(value)}`).join("\n") : "(none)";
}

/** A button per GET route; its text and path are data (textContent and a data attribute, never HTML). */
function routeButtons(config: AuthConfig, call: (path: string) => void): void {
  for (const route of config.routes ?? []) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = route.path === route.routeKey.slice(4) ? route.routeKey : `${route.routeKey} (${route.path})`;
    button.dataset.path = route.path;
    button.addEventListener("click", () => {
      $<HTMLInputElement>("path").value = route.path;
      call(route.path);
    });
    $("routes").append(button);
  }
}

async function main(): Promise<void> {
  const config = (await (await fetch("/auth_config.json")).json()) as AuthConfig;
  const client = await createAuth0Client({
    domain: config.domain,
    clientId: config.clientId,
    cacheLocation: "localstorage",
    useRefreshTokens: true,
    authorizationParams: { audience: config.audience, scope: config.scope, redirect_uri: window.location.origin },
  });

  const query = new URLSearchParams(window.location.search);
  if (query.has("state") && (query.has("code") || query.has("error"))) {
    try {
      await client.handleRedirectCallback();
    } catch (err) {
      show("error", `Login failed: ${(err as Error).message}`);
    }
    window.history.replaceState({}, document.title, "/");
  }

  $("login").addEventListener("click", () => void client.loginWithRedirect());
  $("logout").addEventListener("click", () => void client.logout({ logoutParams: { returnTo: window.location.origin } }));
  $("audience").textContent = config.audience;
  const call = (path: string) => void callApi(client, config, path.startsWith("/") ? path : `/${path}`);
  routeButtons(config, call);
  $<HTMLFormElement>("call").addEventListener("submit", (event) => {
    event.preventDefault();
    call($<HTMLInputElement>("path").value);
  });
  await render(client);
  document.body.dataset.ready = "true";
}

main().catch((err) => {
  $("status").textContent = `The app could not start: ${(err as Error).message}`;
  document.body.dataset.ready = "error";
});
