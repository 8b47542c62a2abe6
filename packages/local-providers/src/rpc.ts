// The plugin protocol's messages and RPCs as TypeScript types, from the .proto files the plugin
// serves (generated into .gen/protocol by scripts/generate-protocol-types.js; types only, so the
// bundle needs nothing generated).
import type * as grpc from "@grpc/grpc-js";
import type { ProtoGrpcType as GoPluginProtocol } from "./protocol-types/go-plugin";
import type { ProtoGrpcType as HealthProtocol } from "./protocol-types/health";
import type { ProtoGrpcType as Tfplugin6Protocol } from "./protocol-types/tfplugin6";
import type { ProviderHandlers } from "./protocol-types/tfplugin6/Provider";

export type { Diagnostic } from "./protocol-types/tfplugin6/Diagnostic";
export type {
  Schema as SchemaMessage,
  _tfplugin6_Schema_Attribute as AttributeMessage,
  _tfplugin6_Schema_Block as BlockMessage,
} from "./protocol-types/tfplugin6/Schema";

/** A unary RPC as the stand-ins write it: a function of the decoded request. */
export type Rpc<Request, Response> = (request: Request) => Response | Promise<Response>;
type AsRpc<H> = H extends grpc.handleUnaryCall<infer Request, infer Response> ? Rpc<Request, Response> : never;
type Named<T> = { [K in keyof T as string extends K ? never : K]: T[K] };

/** The tfplugin6 Provider service: every RPC terraform calls on a provider. */
export type ProviderRpcs = { readonly [K in keyof Named<ProviderHandlers>]: AsRpc<ProviderHandlers[K]> };

/** The request and the response of one RPC, by its name. */
export type RequestOf<K extends keyof ProviderRpcs> = Parameters<ProviderRpcs[K]>[0];
export type ResponseOf<K extends keyof ProviderRpcs> = Awaited<ReturnType<ProviderRpcs[K]>>;

/** The three protocol files loaded together: their packages and services. */
export type PluginProtocol = Tfplugin6Protocol & GoPluginProtocol & HealthProtocol;
