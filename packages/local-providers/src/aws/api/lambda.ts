// Lambda's API as the provider calls it (CreateFunction, DeleteFunction, AddPermission,
// GetPolicy, RemovePermission, and GetFunction, ListFunctions, Update* for the SDK), holding each
// function's configuration, code and resource-based policy in the local cloud's store.
import { createHash } from "node:crypto";
import { records } from "../../cloud/records";
import { memoryStore, ServiceState, type CloudStore } from "../../cloud/store";
import { ServiceError, type CallRules } from "../../service-rules";

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Principal: { readonly Service: string } | { readonly AWS: string } | string;
  readonly Action: string;
  readonly Resource: string;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface AddPermissionInput {
  readonly FunctionName: string;
  readonly StatementId: string;
  readonly Action: string;
  readonly Principal: string;
  readonly SourceArn?: string;
  readonly SourceAccount?: string;
  readonly PrincipalOrgID?: string;
  readonly EventSourceToken?: string;
  readonly Qualifier?: string;
}

interface FunctionRecord {
  /** GetFunctionConfiguration's answer; absent while only a permission's call knows the function. */
  Configuration?: Record<string, any>;
  /** The code's key in the store's blobs (its SHA-256). */
  CodeBlob?: string;
  Tags?: Record<string, string>;
  statements: PolicyStatement[];
}

interface State {
  functions: Record<string, FunctionRecord>;
}

/** The function name in a name, partial ARN or ARN (the forms FunctionName takes). */
function bareFunctionName(nameOrArn: string): string {
  const match = /^(?:arn:[\w-]+:lambda:[^:]+:\d{12}:function:|\d{12}:function:)?([^:]+)(?::.*)?$/.exec(nameOrArn);
  return match ? match[1] : nameOrArn;
}

const lastModified = () => new Date().toISOString().replace(/\.\d+Z$/, ".000+0000");

export class LambdaApi {
  private readonly state: ServiceState<State>;

  constructor(
    private readonly rules: CallRules,
    private readonly arnOf: (name: string) => string,
    private readonly store: CloudStore = memoryStore(),
    region = "us-east-1",
  ) {
    this.state = new ServiceState(store, `lambda/${region}`, () => ({ functions: records() }));
  }

  /** CreateFunction: `code` is the archive (Code.ZipFile); its hash and size are Lambda's. */
  createFunction(input: { readonly FunctionName: string } & Record<string, any>, code?: Buffer): { FunctionArn: string } & Record<string, any> {
    const name = input.FunctionName;
    // API_CreateFunction FunctionName: "The length constraint applies only to the full ARN. If you
    // specify only the function name, it is limited to 64 characters in length." A partial ARN
    // (123456789012:function:name) is not a name alone.
    this.rules.refuseIf(!name.includes(":") && name.length > 64, "CreateFunction", "bare-function-name-64", { value: name });
    const { Code: _code, Tags, Publish: _publish, ...config } = input;
    const configuration = {
      MemorySize: 128,
      Timeout: 3,
      Architectures: ["x86_64"],
      PackageType: "Zip",
      Description: "",
      EphemeralStorage: { Size: 512 },
      TracingConfig: { Mode: "PassThrough" },
      ...config,
      FunctionArn: this.arnOf(name),
      Version: "$LATEST",
      LastModified: lastModified(),
      State: "Active",
      LastUpdateStatus: "Successful",
      ...(code ? codeFacts(code) : { CodeSha256: "", CodeSize: 0 }),
    };
    // Checked under the store's lock: another process cannot create the name in between.
    return this.state.update((s) => {
      this.rules.refuseIf(s.functions[name]?.Configuration !== undefined, "CreateFunction", "unique-function-name", { value: name });
      this.rules.checkInput("CreateFunction", input);
      // Kept under the lock with the function that names it: no other write can remove it in between.
      const blob = code ? this.store.putBlob(code) : undefined;
      // A permission may have been added before, in the same apply: the function takes its policy over.
      s.functions[name] = { Configuration: configuration, CodeBlob: blob, Tags: Tags ?? {}, statements: s.functions[name]?.statements ?? [] };
      return configuration as { FunctionArn: string } & Record<string, any>;
    });
  }

  getFunctionConfiguration(nameOrArn: string): Record<string, any> {
    return this.existing(this.state.read(), nameOrArn, "GetFunctionConfiguration").Configuration!;
  }

  /** GetFunction: the configuration, the code (its bytes here, a presigned URL in AWS) and the tags. */
  getFunction(nameOrArn: string): { Configuration: Record<string, any>; Code?: Buffer; Tags: Record<string, string> } {
    const fn = this.existing(this.state.read(), nameOrArn, "GetFunction");
    return { Configuration: fn.Configuration!, Code: fn.CodeBlob ? this.store.getBlob(fn.CodeBlob) : undefined, Tags: fn.Tags ?? {} };
  }

  listFunctions(): Record<string, any>[] {
    return Object.values(this.state.read().functions).flatMap((f) => (f.Configuration ? [f.Configuration] : []));
  }

  updateFunctionConfiguration(nameOrArn: string, input: Record<string, any>): Record<string, any> {
    return this.state.update((s) => {
      const fn = this.existing(s, nameOrArn, "UpdateFunctionConfiguration");
      const { FunctionName: _name, ...fields } = input;
      fn.Configuration = { ...fn.Configuration, ...definedFields(fields), LastModified: lastModified() };
      return fn.Configuration;
    });
  }

  updateFunctionCode(nameOrArn: string, code: Buffer, architectures?: readonly string[]): Record<string, any> {
    return this.state.update((s) => {
      const fn = this.existing(s, nameOrArn, "UpdateFunctionCode");
      // The code it replaces goes with this write when no other function has it.
      fn.CodeBlob = this.store.putBlob(code);
      fn.Configuration = {
        ...fn.Configuration,
        ...codeFacts(code),
        ...(architectures ? { Architectures: [...architectures] } : {}),
        LastModified: lastModified(),
      };
      return fn.Configuration;
    });
  }

  deleteFunction(name: string): void {
    this.state.update((s) => {
      delete s.functions[bareFunctionName(name)];
    });
  }

  addPermission(input: AddPermissionInput): { Statement: string } {
    this.rules.checkInput("AddPermission", input);
    return this.state.update((s) => {
      const fn = this.functionFor(s, input.FunctionName);
      this.rules.refuseIf(
        fn.statements.some((x) => x.Sid === input.StatementId),
        "AddPermission",
        "unique-statement-id",
        { value: input.StatementId },
      );
      const arn = fn.Configuration?.FunctionArn ?? this.arnOf(bareFunctionName(input.FunctionName));
      const statement = statementOf(input, input.Qualifier ? `${arn}:${input.Qualifier}` : arn);
      const size = policySize([...fn.statements, statement]);
      const limit = this.rules.limit("AddPermission", "function-policy-size");
      this.rules.refuseIf(limit !== undefined && size > limit, "AddPermission", "function-policy-size", { size: String(size) });
      fn.statements.push(statement);
      return { Statement: JSON.stringify(statement) };
    });
  }

  /** GetPolicy: the function's resource-based policy as Lambda stores it; a function without one is Lambda's 404. */
  getPolicy(functionName: string): { Policy: string } {
    const fn = this.state.read().functions[bareFunctionName(functionName)];
    if (!fn || fn.statements.length === 0)
      throw new ServiceError("GetPolicy", 404, "ResourceNotFoundException", "The resource you requested does not exist.");
    return { Policy: policyDocument(fn.statements) };
  }

  /** The statements of the function's policy (none for an unknown function). */
  statements(functionName: string): readonly PolicyStatement[] {
    return this.state.read().functions[bareFunctionName(functionName)]?.statements ?? [];
  }

  removePermission(functionName: string, statementId: string): void {
    this.state.update((s) => {
      const fn = s.functions[bareFunctionName(functionName)];
      if (!fn?.statements.some((x) => x.Sid === statementId))
        throw new ServiceError("RemovePermission", 404, "ResourceNotFoundException", "The resource you requested does not exist.");
      fn.statements = fn.statements.filter((x) => x.Sid !== statementId);
    });
  }

  /** A function Lambda holds, or its ResourceNotFoundException (API reference, GetFunction "Errors"). */
  private existing(s: State, nameOrArn: string, call: string): FunctionRecord {
    const name = bareFunctionName(nameOrArn);
    const fn = s.functions[name];
    if (!fn?.Configuration) throw new ServiceError(call, 404, "ResourceNotFoundException", `Function not found: ${this.arnOf(name)}`);
    return fn;
  }

  /**
   * A permission for a function this cloud does not hold (the conformance cases name made-up
   * functions) starts its policy instead of AWS's ResourceNotFoundException: the stand-in does
   * not check that the function exists (docs/FIDELITY.md).
   */
  private functionFor(s: State, nameOrArn: string): FunctionRecord {
    const name = bareFunctionName(nameOrArn);
    s.functions[name] ??= { statements: [] };
    return s.functions[name];
  }
}

function codeFacts(code: Buffer): { CodeSha256: string; CodeSize: number } {
  return { CodeSha256: createHash("sha256").update(code).digest("base64"), CodeSize: code.length };
}

const definedFields = (fields: Record<string, any>) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));

/** The statement AddPermission writes: service principals as Service, the conditions its arguments ask for. */
function statementOf(input: AddPermissionInput, resource: string): PolicyStatement {
  const condition: Record<string, Record<string, string>> = {};
  const add = (test: string, key: string, value: string | undefined) => {
    if (value) condition[test] = { ...condition[test], [key]: value };
  };
  add("ArnLike", "AWS:SourceArn", input.SourceArn);
  add("StringEquals", "AWS:SourceAccount", input.SourceAccount);
  add("StringEquals", "aws:PrincipalOrgID", input.PrincipalOrgID);
  add("StringEquals", "lambda:EventSourceToken", input.EventSourceToken);
  const principal =
    input.Principal === "*" ? "*" : input.Principal.endsWith(".amazonaws.com") ? { Service: input.Principal } : { AWS: input.Principal };
  return {
    Sid: input.StatementId,
    Effect: "Allow",
    Principal: principal,
    Action: input.Action,
    Resource: resource,
    ...(Object.keys(condition).length ? { Condition: condition } : {}),
  };
}

/** The size Lambda counts: the policy document as it stores it, without whitespace. */
function policySize(statements: readonly PolicyStatement[]): number {
  return Buffer.byteLength(policyDocument(statements), "utf8");
}

const policyDocument = (statements: readonly PolicyStatement[]) => JSON.stringify({ Version: "2012-10-17", Id: "default", Statement: statements });
