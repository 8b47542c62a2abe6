// The Auth0 Management API of one tenant as the provider calls it (POST/PATCH/DELETE of
// resource servers, clients, roles, grants and users), holding what makes a call refuse: the
// identifiers of the tenant's resource servers. It lives as long as the provider process; a
// later issue keeps a tenant in .local/ across both stacks' runs. No cdktf import.
import { AUTH0_CATALOGUE } from "../../catalogue";
import { randomId } from "../../provider";
import { CallRules } from "../../service-rules";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const hex = (bytes: number) => randomId(bytes * 2, "0123456789abcdef");

export class ManagementApi {
  private readonly rules = new CallRules(Object.values(AUTH0_CATALOGUE));
  /** Resource-server id by identifier. */
  private readonly resourceServers = new Map<string, string>();

  constructor(readonly domain: string) {}

  createResourceServer(body: { readonly identifier: string; readonly name?: string | null; readonly token_lifetime?: number | null }): { id: string } {
    const call = "POST /api/v2/resource-servers";
    this.rules.refuseIf(this.resourceServers.has(body.identifier), call, "unique-identifier-per-tenant", {});
    this.rules.checkInput(call, body);
    const id = hex(12);
    this.resourceServers.set(body.identifier, id);
    return { id };
  }

  deleteResourceServer(identifier: string): void {
    this.resourceServers.delete(identifier);
  }

  createClient(body: object): { client_id: string } {
    this.rules.checkInput("POST /api/v2/clients", body);
    return { client_id: randomId(32, ALNUM) };
  }

  createRole(): { id: string } {
    return { id: `rol_${randomId(16, ALNUM)}` };
  }

  createClientGrant(): { id: string } {
    return { id: `cgr_${randomId(16, ALNUM)}` };
  }

  createUser(body: { readonly user_id?: string | null }): { user_id: string } {
    return { user_id: `auth0|${body.user_id || hex(12)}` };
  }
}
