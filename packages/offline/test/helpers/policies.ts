// Guard rails over the synthesized aws stack. Each check returns the resources that break
// it, by logical ID, so a failure says which one to fix.
import { resourceEntries, type StackJson } from "./synth";

export type PolicyCheck = (stack: StackJson) => string[];

const AWS_POLICIES: Record<string, PolicyCheck> = {
  "every route is JWT-authorized with scopes": (s) =>
    resourceEntries(s, "aws_apigatewayv2_route")
      .filter(([, r]) => r.authorization_type !== "JWT" || !r.authorizer_id || !(r.authorization_scopes?.length > 0))
      .map(([id]) => id),

  "every stage writes access logs": (s) =>
    resourceEntries(s, "aws_apigatewayv2_stage")
      .filter(([, st]) => !st.access_log_settings?.destination_arn || !st.access_log_settings?.format)
      .map(([id]) => id),

  "every log group has a retention": (s) =>
    resourceEntries(s, "aws_cloudwatch_log_group")
      .filter(([, g]) => !(g.retention_in_days > 0))
      .map(([id]) => id),

  "every stage throttles its routes": (s) =>
    resourceEntries(s, "aws_apigatewayv2_stage")
      .filter(([, st]) => !(st.default_route_settings?.throttling_rate_limit > 0 && st.default_route_settings?.throttling_burst_limit > 0))
      .map(([id]) => id),

  "every Lambda permission is limited to one route": (s) => {
    const routes = resourceEntries(s, "aws_apigatewayv2_route").map(([, r]) => {
      const [method, path] = String(r.route_key).split(" ");
      return `/*/${method}${path.replace(/\{[^}]+\}/g, "*")}`;
    });
    return resourceEntries(s, "aws_lambda_permission")
      .filter(([, p]) => p.principal === "apigateway.amazonaws.com")
      .filter(([, p]) => !routes.some((suffix) => String(p.source_arn).endsWith(suffix)) || /\/\*\/\*$/.test(p.source_arn))
      .map(([id]) => id);
  },

  "CORS names its origins, never *": (s) =>
    resourceEntries(s, "aws_apigatewayv2_api")
      .filter(([, a]) => {
        const origins: string[] = a.cors_configuration?.allow_origins ?? [];
        return origins.length === 0 || origins.some((o) => o.includes("*"));
      })
      .map(([id]) => id),

  "an API on a custom domain disables its execute-api endpoint": (s) => {
    const mapped = resourceEntries(s, "aws_apigatewayv2_api_mapping").map(([, m]) => String(m.api_id));
    return resourceEntries(s, "aws_apigatewayv2_api")
      .filter(([id, a]) => mapped.includes(`\${aws_apigatewayv2_api.${id}.id}`) && a.disable_execute_api_endpoint !== true)
      .map(([id]) => id);
  },

  "every custom domain requires TLS 1.2": (s) =>
    resourceEntries(s, "aws_apigatewayv2_domain_name")
      .filter(([, d]) => d.domain_name_configuration?.security_policy !== "TLS_1_2")
      .map(([id]) => id),

  "no IAM statement grants on every resource": (s) => [
    ...Object.entries<any>(s.data?.aws_iam_policy_document ?? {})
      .filter(([, doc]) => (doc.statement ?? []).some((st: any) => (st.resources ?? []).includes("*")))
      .map(([id]) => id),
    ...resourceEntries(s, "aws_iam_role_policy")
      .filter(([, p]) => typeof p.policy === "string" && /"Resource"\s*:\s*(\[\s*)?"\*"/.test(p.policy))
      .map(([id]) => id),
  ],
};

/** Every broken rule, as "rule: resource, resource". */
export function policyViolations(stack: StackJson): string[] {
  return Object.entries(AWS_POLICIES).flatMap(([rule, check]) => {
    const offenders = check(stack);
    return offenders.length > 0 ? [`${rule}: ${offenders.join(", ")}`] : [];
  });
}
