// Route 53's API as the provider calls it (ListHostedZones, GetHostedZone,
// ChangeResourceRecordSets), holding the records of the local account's public hosted zones. The
// zones are the account's own (LOCAL_AWS_HOSTED_ZONES): a deploy finds them, as a real one does,
// and never creates them; their records are kept in the local cloud's store.
import { createHash } from "node:crypto";
import { records } from "../../cloud/records";
import { memoryStore, ServiceState, type CloudStore } from "../../cloud/store";
import type { CallRules } from "../../service-rules";

export interface HostedZone {
  /** "/hostedzone/Z…", as the API returns it. */
  readonly Id: string;
  /** With its trailing dot. */
  readonly Name: string;
  readonly CallerReference: string;
  readonly Config: { readonly PrivateZone: boolean; readonly Comment: string };
}

export interface ResourceRecordSet {
  readonly Name: string;
  readonly Type: string;
  readonly TTL?: number;
  readonly ResourceRecords?: readonly { readonly Value: string }[];
  readonly AliasTarget?: { readonly DNSName: string; readonly HostedZoneId: string; readonly EvaluateTargetHealth: boolean };
}

export interface Change {
  readonly Action: "CREATE" | "UPSERT" | "DELETE";
  readonly ResourceRecordSet: ResourceRecordSet;
}

/** Route 53's form of a name: lower case, one trailing dot. */
export const absoluteName = (name: string) => `${name.toLowerCase().replace(/\.$/, "")}.`;

/** The hosted zones of LOCAL_AWS_HOSTED_ZONES: names separated by commas or spaces. */
export function hostedZoneNamesOf(setting: string | undefined): string[] {
  return (setting ?? "")
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((name) => name.toLowerCase().replace(/\.$/, ""));
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const digest = (text: string) => createHash("sha256").update(text).digest();

/** A zone's id, the same in every provider process (each terraform walk starts one): derived from its name. */
export function hostedZoneIdOf(name: string): string {
  const bytes = digest(`hostedzone ${absoluteName(name)}`);
  return `Z${Array.from(bytes.subarray(0, 20), (b) => BASE32[b % 32]).join("")}`;
}

interface Zone {
  readonly zone: HostedZone;
  readonly nameServers: readonly string[];
}

interface State {
  /** Each zone's record sets, by zone id and then by name and type. */
  records: Record<string, Record<string, ResourceRecordSet>>;
}

const recordKey = (name: string, type: string) => `${absoluteName(name)} ${type}`;

export class Route53Api {
  private readonly zones = new Map<string, Zone>();
  private readonly state: ServiceState<State>;

  constructor(
    private readonly rules: CallRules,
    /** The account's public hosted zones, by name. */
    zoneNames: readonly string[],
    store: CloudStore = memoryStore(),
  ) {
    // Route 53 is global: one part of the store for every region.
    this.state = new ServiceState(store, "route53", () => ({ records: records() }));
    for (const name of zoneNames) {
      const id = hostedZoneIdOf(name);
      const n = digest(id)[0] % 2000;
      this.zones.set(id, {
        zone: { Id: `/hostedzone/${id}`, Name: absoluteName(name), CallerReference: `local-${id}`, Config: { PrivateZone: false, Comment: "" } },
        nameServers: [
          `ns-${n}.awsdns-${n % 64}.com`,
          `ns-${n + 1}.awsdns-${(n + 1) % 64}.net`,
          `ns-${n + 2}.awsdns-${(n + 2) % 64}.org`,
          `ns-${n + 3}.awsdns-${(n + 3) % 64}.co.uk`,
        ],
      });
    }
  }

  /** The zone's records, plus its NS and SOA (which every zone has). */
  private recordCount(id: string): number {
    return Object.keys(this.state.read().records[id] ?? {}).length + 2;
  }

  listHostedZones(): { HostedZones: (HostedZone & { ResourceRecordSetCount: number })[] } {
    return { HostedZones: [...this.zones.entries()].map(([id, z]) => ({ ...z.zone, ResourceRecordSetCount: this.recordCount(id) })) };
  }

  /** GetHostedZone: the zone, and the name servers of its delegation set. */
  getHostedZone(id: string): { HostedZone: HostedZone & { ResourceRecordSetCount: number }; DelegationSet: { NameServers: readonly string[] } } {
    const zone = this.zones.get(cleanZoneId(id));
    this.rules.refuseIf(!zone, "GetHostedZone", "hosted-zone-exists", { value: cleanZoneId(id) });
    return {
      HostedZone: { ...zone!.zone, ResourceRecordSetCount: this.recordCount(cleanZoneId(id)) },
      DelegationSet: { NameServers: zone!.nameServers },
    };
  }

  /** ChangeResourceRecordSets: all changes of the batch, or none (a CREATE of an existing record refuses it). */
  changeResourceRecordSets(input: { readonly HostedZoneId: string; readonly Changes: readonly Change[] }): {
    ChangeInfo: { Id: string; Status: "INSYNC" };
  } {
    const id = cleanZoneId(input.HostedZoneId);
    this.rules.refuseIf(!this.zones.has(id), "GetHostedZone", "hosted-zone-exists", { value: id });
    // One update: a refused change leaves the store as it was, so the batch is all or nothing.
    this.state.update((s) => {
      s.records[id] ??= records();
      const zone = s.records[id];
      for (const { Action, ResourceRecordSet: set } of input.Changes) {
        const key = recordKey(set.Name, set.Type);
        this.rules.refuseIf(Action === "CREATE" && zone[key] !== undefined, "ChangeResourceRecordSets", "record-exists", {
          name: absoluteName(set.Name),
          type: set.Type,
        });
        if (Action === "DELETE") delete zone[key];
        else zone[key] = { ...set, Name: absoluteName(set.Name) };
      }
    });
    // Changes are INSYNC at once here: no propagation to wait for.
    return {
      ChangeInfo: {
        Id: `/change/C${Array.from(digest(JSON.stringify(input.Changes)).subarray(0, 12), (b) => BASE32[b % 32]).join("")}`,
        Status: "INSYNC",
      },
    };
  }

  /** What a DNS query for `name` and `type` finds in the account's zones (ACM's look at its validation records). */
  resolve(name: string, type: string): ResourceRecordSet | undefined {
    const { records } = this.state.read();
    for (const id of this.zones.keys()) {
      const record = records[id]?.[recordKey(name, type)];
      if (record) return record;
    }
    return undefined;
  }
}

/** The provider's cleanZoneID: an id without its "/hostedzone/" prefix. */
export const cleanZoneId = (id: string) => id.replace(/^\/hostedzone\//, "");
