// IAM over its wire protocol (the query protocol: a form with Action and Version, answered in
// XML; policy documents URL-encoded in answers as IAM encodes them, RFC 3986), onto the local
// account's IamApi.
import type { ServerResponse } from "node:http";
import type { AwsCloud } from "@apigw-auth0-rbac/local-providers/cloud";
import { ClientError, sendQueryResult, type Shape } from "./wire";

/** A role as IAM answers it: the trust policy URL-encoded, tags as a member list. */
function roleXml(role: Shape): Shape {
  return {
    ...role,
    AssumeRolePolicyDocument: encodeURIComponent(role.AssumeRolePolicyDocument ?? ""),
    Tags: role.Tags?.length ? role.Tags : undefined,
  };
}

/** Tags.member.1.Key=… as [{ Key, Value }]. */
function tagsOf(params: URLSearchParams): { Key: string; Value: string }[] {
  const tags: { Key: string; Value: string }[] = [];
  for (let i = 1; params.has(`Tags.member.${i}.Key`); i++)
    tags.push({ Key: params.get(`Tags.member.${i}.Key`)!, Value: params.get(`Tags.member.${i}.Value`) ?? "" });
  return tags;
}

const need = (params: URLSearchParams, name: string): string => {
  const value = params.get(name);
  if (!value)
    throw new ClientError(
      400,
      "ValidationError",
      `1 validation error detected: Value null at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`,
    );
  return value;
};

export function iam(cloud: AwsCloud, params: URLSearchParams, res: ServerResponse): boolean {
  const svc = cloud.iam;
  const action = params.get("Action") ?? "";
  const role = () => need(params, "RoleName");
  const optionalNumber = (name: string) => (params.has(name) ? Number(params.get(name)) : undefined);
  switch (action) {
    case "CreateRole":
      sendQueryResult(res, action, {
        Role: roleXml(
          svc.createRole({
            RoleName: role(),
            AssumeRolePolicyDocument: need(params, "AssumeRolePolicyDocument"),
            Path: params.get("Path") ?? undefined,
            Description: params.get("Description") ?? undefined,
            MaxSessionDuration: optionalNumber("MaxSessionDuration"),
            Tags: tagsOf(params),
          }),
        ),
      });
      return true;
    case "GetRole":
      sendQueryResult(res, action, { Role: roleXml(svc.getRole(role())) });
      return true;
    case "ListRoles":
      sendQueryResult(res, action, { Roles: svc.listRoles().map(roleXml), IsTruncated: false });
      return true;
    case "UpdateRole":
      svc.updateRole(role(), { Description: params.get("Description") ?? undefined, MaxSessionDuration: optionalNumber("MaxSessionDuration") });
      sendQueryResult(res, action, {});
      return true;
    case "UpdateAssumeRolePolicy":
      svc.updateRole(role(), { AssumeRolePolicyDocument: need(params, "PolicyDocument") });
      sendQueryResult(res, action);
      return true;
    case "DeleteRole":
      svc.getRole(role());
      svc.deleteRole(role());
      sendQueryResult(res, action);
      return true;
    case "PutRolePolicy":
      svc.getRole(role());
      svc.putRolePolicy({ RoleName: role(), PolicyName: need(params, "PolicyName"), PolicyDocument: need(params, "PolicyDocument") });
      sendQueryResult(res, action);
      return true;
    case "GetRolePolicy": {
      const policy = svc.getRolePolicy(role(), need(params, "PolicyName"));
      sendQueryResult(res, action, { ...policy, PolicyDocument: encodeURIComponent(policy.PolicyDocument) });
      return true;
    }
    case "ListRolePolicies":
      sendQueryResult(res, action, { PolicyNames: svc.listRolePolicies(role()), IsTruncated: false });
      return true;
    case "DeleteRolePolicy":
      svc.getRolePolicy(role(), need(params, "PolicyName"));
      svc.deleteRolePolicy(role(), need(params, "PolicyName"));
      sendQueryResult(res, action);
      return true;
    default:
      return false;
  }
}
