// Every test file of the suite, by provider.
import { CLIENT } from "./auth0/client";
import { CLIENT_GRANT } from "./auth0/client-grant";
import { RESOURCE_SERVER } from "./auth0/resource-server";
import { RESOURCE_SERVER_SCOPES } from "./auth0/resource-server-scopes";
import { ROLE, ROLE_PERMISSIONS } from "./auth0/role";
import { USER, USER_ROLES } from "./auth0/user";
import { VALIDATION } from "./auth0/validation";
import { ACM_CERTIFICATE } from "./aws/acm-certificate";
import { ACM_CERTIFICATE_VALIDATION } from "./aws/acm-certificate-validation";
import { APIGATEWAYV2_API } from "./aws/apigatewayv2-api";
import { APIGATEWAYV2_API_MAPPING } from "./aws/apigatewayv2-api-mapping";
import { APIGATEWAYV2_DOMAIN_NAME } from "./aws/apigatewayv2-domain-name";
import { CLOUDWATCH_LOG_GROUP, LOGS_VALIDATORS } from "./aws/cloudwatch-log-group";
import { IAM_ROLE, IAM_VALIDATORS } from "./aws/iam-role";
import { IAM_POLICY_DOCUMENT } from "./aws/iam-policy-document";
import { IAM_ROLE_POLICY } from "./aws/iam-role-policy";
import { ROUTE53_RECORD, ROUTE53_ZONE } from "./aws/route53";
import { LAMBDA_PERMISSION } from "./aws/lambda-permission";
import { LAMBDA_FUNCTION, LAMBDA_NAME, LAMBDA_PERMISSION_VALIDATORS, LAMBDA_VALIDATORS } from "./aws/lambda";
import { APIGATEWAYV2_AUTHORIZER } from "./aws/apigatewayv2-authorizer";
import { APIGATEWAYV2_INTEGRATION } from "./aws/apigatewayv2-integration";
import { APIGATEWAYV2_ROUTE } from "./aws/apigatewayv2-route";
import { APIGATEWAYV2_STAGE } from "./aws/apigatewayv2-stage";
import type { ProviderTestFile } from "./types";

export const AUTH0_PROVIDER_TESTS: readonly ProviderTestFile[] = [
  RESOURCE_SERVER,
  RESOURCE_SERVER_SCOPES,
  ROLE,
  ROLE_PERMISSIONS,
  CLIENT,
  VALIDATION,
  CLIENT_GRANT,
  USER,
  USER_ROLES,
];
export const AWS_PROVIDER_TESTS: readonly ProviderTestFile[] = [
  APIGATEWAYV2_API,
  APIGATEWAYV2_AUTHORIZER,
  APIGATEWAYV2_INTEGRATION,
  APIGATEWAYV2_ROUTE,
  APIGATEWAYV2_STAGE,
  APIGATEWAYV2_DOMAIN_NAME,
  APIGATEWAYV2_API_MAPPING,
  CLOUDWATCH_LOG_GROUP,
  LOGS_VALIDATORS,
  IAM_ROLE,
  IAM_VALIDATORS,
  IAM_ROLE_POLICY,
  IAM_POLICY_DOCUMENT,
  LAMBDA_FUNCTION,
  LAMBDA_VALIDATORS,
  LAMBDA_NAME,
  LAMBDA_PERMISSION,
  LAMBDA_PERMISSION_VALIDATORS,
  ACM_CERTIFICATE,
  ACM_CERTIFICATE_VALIDATION,
  ROUTE53_RECORD,
  ROUTE53_ZONE,
];
export const PROVIDER_TESTS: readonly ProviderTestFile[] = [...AUTH0_PROVIDER_TESTS, ...AWS_PROVIDER_TESTS];
