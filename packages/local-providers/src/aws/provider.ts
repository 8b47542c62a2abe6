// hashicorp/aws 6.25.0, as far as the aws stack uses it: the resources and data sources
// of schema/aws-6.25.0.providers-schema.json. Validation and planning run from the
// catalogue (catalogue/aws/); apply, refresh and import make the calls the provider makes
// (resources.ts) to the local account's services (api/), which refuse what AWS refuses and keep
// their objects in the local cloud (LOCAL_CLOUD_DIR). Nothing here calls AWS: ARNs and ids are
// made up in the local account 123456789012.
import { randomUUID } from "node:crypto";
import { AWS_CATALOGUE } from "../catalogue";
import type { ResourceCatalogue } from "../catalogue/types";
import { storeFromEnv } from "../cloud/store";
import { isObj, isUnknown, type Obj, type SchemaBlock, type Value } from "../cty";
import type { DataSourceBehaviour, ProviderContext, ProviderDefinition } from "../provider";
import { appliedQuotasOf, quotaDefaults, type ServiceError } from "../service-rules";
import { AwsCloud } from "./api/cloud";
import { hostedZoneNamesOf } from "./api/route53";
import { domainResources, hostedZoneDataSource } from "./domain-resources";
import { renderPolicyDocument } from "./policy-document";
import { AWS_RESOURCES } from "./resources";

export interface AwsContext extends ProviderContext {
  readonly region: string;
  readonly defaultTags: Record<string, string>;
  readonly cloud: AwsCloud;
}

function awsContext(config: Obj, env: NodeJS.ProcessEnv): AwsContext {
  const region = (typeof config.region === "string" && config.region) || env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1";
  const tags: Record<string, string> = {};
  for (const block of Array.isArray(config.default_tags) ? config.default_tags : []) {
    if (isObj(block) && isObj(block.tags)) for (const [k, v] of Object.entries(block.tags)) if (typeof v === "string") tags[k] = v;
  }
  const quotas = appliedQuotasOf(env.LOCAL_AWS_QUOTAS, quotaDefaults(Object.values(AWS_CATALOGUE)));
  return {
    config,
    env,
    region,
    defaultTags: tags,
    cloud: new AwsCloud(region, quotas, storeFromEnv(env), hostedZoneNamesOf(env.LOCAL_AWS_HOSTED_ZONES)),
    persistent: !!env.LOCAL_CLOUD_DIR,
  };
}

/** The provider's region on every resource that has the 6.x `region` argument, and `tags_all` from default_tags. */
function planExtras(planned: Obj, schema: SchemaBlock, context: AwsContext): void {
  if (schema.attributes?.region && planned.region === null) planned.region = context.region;
  if (schema.attributes?.tags_all) {
    const tags = planned.tags;
    planned.tags_all = isUnknown(tags) ? tags : { ...context.defaultTags, ...(isObj(tags) ? (tags as Record<string, string>) : {}) };
  }
}

const dataSources: Record<string, DataSourceBehaviour<AwsContext>> = {
  aws_iam_policy_document: { catalogue: AWS_CATALOGUE.aws_iam_policy_document, read: (config) => renderPolicyDocument(config) },
  aws_route53_zone: hostedZoneDataSource,
};

/**
 * aws-sdk-go-v2's error, wrapped as the resource's Create wraps it:
 * `creating Lambda Function (x): operation error Lambda: CreateFunction, https response error StatusCode: 409, RequestID: …, ResourceConflictException: …`.
 */
const str = (v: Value | undefined) => (typeof v === "string" ? v : "");

function formatError(error: ServiceError, catalogue: ResourceCatalogue, planned: Obj): string {
  const call = catalogue.calls?.[error.call];
  if (call?.codeAndMessage) return call.wrap.replace("%s", `${error.code}: ${error.message}`);
  const sdk = `operation error ${call?.service ?? "AWS"}: ${error.call}, https response error StatusCode: ${error.status}, RequestID: ${randomUUID()}, ${error.code}: ${error.message}`;
  if (!call) return sdk;
  const names =
    error.subject !== undefined
      ? [error.subject]
      : (call.nameFrom ?? "")
          .split(",")
          .filter(Boolean)
          .map((a) => str(planned[a]));
  let i = 0;
  return call.wrap.replace(/%s/g, () => (i < names.length ? names[i++] : sdk));
}

export function awsProvider(schema: ProviderDefinition["schema"]): ProviderDefinition<AwsContext> {
  return {
    address: "hashicorp/aws",
    schema,
    resources: { ...domainResources, ...AWS_RESOURCES },
    dataSources,
    context: awsContext,
    planExtras,
    formatError,
  };
}
