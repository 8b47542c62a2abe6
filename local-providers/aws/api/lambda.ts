// Lambda's API as the provider calls it (CreateFunction, DeleteFunction, AddPermission,
// GetPolicy, RemovePermission), holding each function's resource-based policy. No cdktf import.
import type { CallRules } from "../../service-rules";

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
  readonly arn: string;
  statements: PolicyStatement[];
  /** Known only from a permission's call, not created in this process (see functionFor). */
  implicit?: boolean;
}

/** The function name in a name, partial ARN or ARN (the forms FunctionName takes). */
export function bareFunctionName(nameOrArn: string): string {
  const match = /^(?:arn:[\w-]+:lambda:[^:]+:\d{12}:function:|\d{12}:function:)?([^:]+)(?::.*)?$/.exec(nameOrArn);
  return match ? match[1] : nameOrArn;
}

export class LambdaApi {
  private readonly functions = new Map<string, FunctionRecord>();

  constructor(
    private readonly rules: CallRules,
    private readonly arnOf: (name: string) => string,
  ) {}

  createFunction(input: { readonly FunctionName: string }): { FunctionArn: string } {
    const name = input.FunctionName;
    this.rules.refuseIf(!name.startsWith("arn:") && name.length > 64, "CreateFunction", "bare-function-name-64", { value: name });
    this.rules.refuseIf(this.functions.get(name)?.implicit === false, "CreateFunction", "unique-function-name", { value: name });
    this.rules.checkInput("CreateFunction", input);
    // A permission may have been added before, in the same apply: the function takes its policy over.
    const record: FunctionRecord = { arn: this.arnOf(name), statements: this.functions.get(name)?.statements ?? [], implicit: false };
    this.functions.set(name, record);
    return { FunctionArn: record.arn };
  }

  deleteFunction(name: string): void {
    this.functions.delete(bareFunctionName(name));
  }

  addPermission(input: AddPermissionInput): { Statement: string } {
    const fn = this.functionFor(input.FunctionName);
    this.rules.checkInput("AddPermission", input);
    this.rules.refuseIf(fn.statements.some((s) => s.Sid === input.StatementId), "AddPermission", "unique-statement-id", { value: input.StatementId });
    const statement = statementOf(input, input.Qualifier ? `${fn.arn}:${input.Qualifier}` : fn.arn);
    const size = policySize([...fn.statements, statement]);
    const limit = this.rules.limit("AddPermission", "function-policy-size");
    this.rules.refuseIf(limit !== undefined && size > limit, "AddPermission", "function-policy-size", { size: String(size) });
    fn.statements.push(statement);
    return { Statement: JSON.stringify(statement) };
  }

  /** GetPolicy: the function's resource-based policy as Lambda stores it. */
  getPolicy(functionName: string): { Policy: string } {
    return { Policy: policyDocument(this.functionFor(functionName).statements) };
  }

  removePermission(functionName: string, statementId: string): void {
    const fn = this.functions.get(bareFunctionName(functionName));
    if (fn) fn.statements = fn.statements.filter((s) => s.Sid !== statementId);
  }

  /** A function of an earlier apply is unknown to this process: its policy starts empty here (see docs/FIDELITY.md). */
  private functionFor(nameOrArn: string): FunctionRecord {
    const name = bareFunctionName(nameOrArn);
    let fn = this.functions.get(name);
    if (!fn) {
      fn = { arn: this.arnOf(name), statements: [], implicit: true };
      this.functions.set(name, fn);
    }
    return fn;
  }
}

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
  const principal = input.Principal === "*" ? "*" : input.Principal.endsWith(".amazonaws.com") ? { Service: input.Principal } : { AWS: input.Principal };
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
export function policySize(statements: readonly PolicyStatement[]): number {
  return Buffer.byteLength(policyDocument(statements), "utf8");
}

const policyDocument = (statements: readonly PolicyStatement[]) => JSON.stringify({ Version: "2012-10-17", Id: "default", Statement: statements });
