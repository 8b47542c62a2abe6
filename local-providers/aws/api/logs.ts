// CloudWatch Logs' API as the provider calls it (CreateLogGroup, DeleteLogGroup). No cdktf import.
import type { CallRules } from "../../service-rules";

export class CloudWatchLogsApi {
  private readonly groups = new Set<string>();

  constructor(private readonly rules: CallRules) {}

  createLogGroup(input: { readonly LogGroupName: string }): void {
    this.rules.refuseIf(this.groups.has(input.LogGroupName), "CreateLogGroup", "unique-log-group-name", { value: input.LogGroupName });
    this.rules.checkInput("CreateLogGroup", input);
    this.groups.add(input.LogGroupName);
  }

  deleteLogGroup(name: string): void {
    this.groups.delete(name);
  }
}
