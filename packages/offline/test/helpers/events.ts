// API Gateway's event for the unicorn fixture's GET /unicorn, as the project's testing export makes it.
import { type JwtEventOptions, jwtEvent as projectJwtEvent } from "../../src/testing/events";

export const jwtEvent = (options: JwtEventOptions = {}) =>
  projectJwtEvent({ routeKey: "GET /unicorn", scopes: ["read:unicorn"], claims: { sub: "auth0|rider", scope: "read:unicorn" }, ...options });
