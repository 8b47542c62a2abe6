// The local cloud as the toolkit sees it: the store the stand-ins keep objects in, the service
// APIs that keep them (what `npm run cloud` serves and drift reads back), and the readers that
// turn terraform's attributes into those objects.
export { equivalent, refreshed } from "./cloud/attributes";
export { CLOUD_FORMAT, type CloudStore, CloudStoreError, compactStore, fileStore, memoryStore } from "./cloud/store";
export { FILE_MODE, keepPrivate, privateFolder } from "./cloud/private-folder";
export type { Child } from "./aws/api/apigatewayv2";
export { AwsCloud, LOCAL_ACCOUNT_ID } from "./aws/api/cloud";
export { LambdaApi } from "./aws/api/lambda";
export { hostedZoneIdOf } from "./aws/api/route53";
export { S3Error, type S3Object } from "./aws/api/s3";
export { AWS_RESOURCES } from "./aws/resources";
export { type Binding, type BindingRequest, ManagementApi, type Permission, type StoredAction } from "./auth0/api/management";
export { AUTH0_RESOURCES } from "./auth0/resources";
export type { Obj } from "./cty";
export type { ResourceBehaviour } from "./provider";
export { CallRules, ServiceError } from "./service-rules";
