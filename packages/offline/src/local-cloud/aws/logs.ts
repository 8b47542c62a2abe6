// CloudWatch Logs over its wire protocol (awsJson1_1: POST / with X-Amz-Target
// Logs_20140328.<operation>, lowerCamel fields), onto the local account's CloudWatchLogsApi.
import type { ServerResponse } from "node:http";
import type { AwsCloud } from "@apigw-auth0-rbac/local-providers/cloud";
import { ClientError, sendJson, type Shape } from "./wire";

const send = (res: ServerResponse, body: Shape = {}) => sendJson(res, 200, body, { "content-type": "application/x-amz-json-1.1" });

export function logs(cloud: AwsCloud, operation: string, body: Shape, res: ServerResponse): boolean {
  const svc = cloud.logs;
  const group = () => {
    if (typeof body.logGroupName !== "string" || !body.logGroupName)
      throw new ClientError(
        400,
        "InvalidParameterException",
        "1 validation error detected: Value null at 'logGroupName' failed to satisfy constraint: Member must not be null",
      );
    return body.logGroupName as string;
  };
  const existing = () => {
    const name = group();
    if (!svc.getLogGroup(name)) throw new ClientError(400, "ResourceNotFoundException", "The specified log group does not exist.");
    return name;
  };
  switch (operation) {
    case "CreateLogGroup":
      svc.createLogGroup({ LogGroupName: group(), KmsKeyId: body.kmsKeyId, LogGroupClass: body.logGroupClass });
      send(res);
      return true;
    case "DescribeLogGroups": {
      const groups = svc.describeLogGroups(typeof body.logGroupNamePrefix === "string" ? body.logGroupNamePrefix : "");
      send(res, { logGroups: groups.map(({ logGroupArn: _bare, ...g }) => ({ ...g, logGroupArn: _bare })) });
      return true;
    }
    case "PutRetentionPolicy":
      svc.putRetentionPolicy(existing(), Number(body.retentionInDays));
      send(res);
      return true;
    case "DeleteRetentionPolicy":
      svc.putRetentionPolicy(existing(), undefined);
      send(res);
      return true;
    case "DeleteLogGroup":
      svc.deleteLogGroup(existing());
      send(res);
      return true;
    default:
      return false;
  }
}
