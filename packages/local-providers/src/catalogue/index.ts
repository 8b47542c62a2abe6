// The catalogue: every resource and data source the stand-ins serve, by provider.
import { action } from "./auth0/action";
import { client } from "./auth0/client";
import { clientGrant } from "./auth0/client-grant";
import { resourceServer } from "./auth0/resource-server";
import { resourceServerScopes } from "./auth0/resource-server-scopes";
import { role } from "./auth0/role";
import { rolePermissions } from "./auth0/role-permissions";
import { triggerActions } from "./auth0/trigger-actions";
import { user } from "./auth0/user";
import { userRoles } from "./auth0/user-roles";
import { acmCertificate } from "./aws/acm-certificate";
import { acmCertificateValidation } from "./aws/acm-certificate-validation";
import { apigatewayv2Api } from "./aws/apigatewayv2-api";
import { apigatewayv2ApiMapping } from "./aws/apigatewayv2-api-mapping";
import { apigatewayv2Authorizer } from "./aws/apigatewayv2-authorizer";
import { apigatewayv2DomainName } from "./aws/apigatewayv2-domain-name";
import { apigatewayv2Integration } from "./aws/apigatewayv2-integration";
import { apigatewayv2Route } from "./aws/apigatewayv2-route";
import { apigatewayv2Stage } from "./aws/apigatewayv2-stage";
import { cloudwatchLogGroup } from "./aws/cloudwatch-log-group";
import { iamPolicyDocument } from "./aws/iam-policy-document";
import { iamRole } from "./aws/iam-role";
import { iamRolePolicy } from "./aws/iam-role-policy";
import { lambdaFunction } from "./aws/lambda-function";
import { lambdaPermission } from "./aws/lambda-permission";
import { route53Record } from "./aws/route53-record";
import { route53Zone } from "./aws/route53-zone";
import type { ResourceCatalogue } from "./types";

const byType = (entries: readonly ResourceCatalogue[]) => Object.fromEntries(entries.map((e) => [e.type, e]));

export const AUTH0_CATALOGUE: Readonly<Record<string, ResourceCatalogue>> = byType([
  resourceServer,
  resourceServerScopes,
  role,
  rolePermissions,
  client,
  clientGrant,
  user,
  userRoles,
  action,
  triggerActions,
]);

export const AWS_CATALOGUE: Readonly<Record<string, ResourceCatalogue>> = byType([
  apigatewayv2Api,
  apigatewayv2Authorizer,
  apigatewayv2Integration,
  apigatewayv2Route,
  apigatewayv2Stage,
  cloudwatchLogGroup,
  iamRole,
  iamRolePolicy,
  lambdaFunction,
  lambdaPermission,
  iamPolicyDocument,
  acmCertificate,
  acmCertificateValidation,
  route53Record,
  apigatewayv2DomainName,
  apigatewayv2ApiMapping,
  route53Zone,
]);

export const CATALOGUE: readonly ResourceCatalogue[] = [...Object.values(AUTH0_CATALOGUE), ...Object.values(AWS_CATALOGUE)];
export * from "./types";
