// CloudWatch Logs' API as the provider and the SDK call it (CreateLogGroup, DescribeLogGroups,
// PutRetentionPolicy, DeleteRetentionPolicy, DeleteLogGroup), holding each log group in the local
// cloud's store.
import { ServiceError, type CallRules } from "../../service-rules";
import { records } from "../../cloud/records";
import { memoryStore, ServiceState, type CloudStore } from "../../cloud/store";

interface State {
  groups: Record<string, Record<string, any>>;
}

export class CloudWatchLogsApi {
  private readonly state: ServiceState<State>;

  constructor(
    private readonly rules: CallRules,
    store: CloudStore = memoryStore(),
    private readonly region = "us-east-1",
    private readonly accountId = "123456789012",
  ) {
    this.state = new ServiceState(store, `logs/${region}`, () => ({ groups: records() }));
  }

  createLogGroup(input: { readonly LogGroupName: string } & Record<string, any>): Record<string, any> {
    const arn = `arn:aws:logs:${this.region}:${this.accountId}:log-group:${input.LogGroupName}`;
    const group = {
      logGroupName: input.LogGroupName,
      creationTime: Date.now(),
      arn: `${arn}:*`,
      logGroupArn: arn,
      logGroupClass: input.LogGroupClass ?? "STANDARD",
      deletionProtectionEnabled: input.DeletionProtectionEnabled ?? false,
      storedBytes: 0,
      metricFilterCount: 0,
      ...(input.KmsKeyId ? { kmsKeyId: input.KmsKeyId } : {}),
    };
    // Checked under the store's lock: another process cannot create the name in between.
    this.state.update((s) => {
      this.rules.refuseIf(s.groups[input.LogGroupName] !== undefined, "CreateLogGroup", "unique-log-group-name", { value: input.LogGroupName });
      this.rules.checkInput("CreateLogGroup", input);
      s.groups[input.LogGroupName] = group;
    });
    return group;
  }

  /** DescribeLogGroups: by prefix, in name order (as CloudWatch lists them). */
  describeLogGroups(prefix = ""): Record<string, any>[] {
    return Object.values(this.state.read().groups)
      .filter((g) => g.logGroupName.startsWith(prefix))
      .sort((a, b) => a.logGroupName.localeCompare(b.logGroupName));
  }

  getLogGroup(name: string): Record<string, any> | undefined {
    return this.state.read().groups[name];
  }

  putRetentionPolicy(name: string, days: number | undefined): void {
    this.state.update((s) => {
      const group = s.groups[name];
      if (!group) throw new ServiceError("PutRetentionPolicy", 400, "ResourceNotFoundException", "The specified log group does not exist.");
      if (days === undefined) delete group.retentionInDays;
      else group.retentionInDays = days;
    });
  }

  deleteLogGroup(name: string): void {
    this.state.update((s) => {
      delete s.groups[name];
    });
  }
}
