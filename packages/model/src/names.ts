// The names the stacks give what they create, derived from the model in one place: the aws
// stack uses them, and the model's limits (limits.ts) check them before anything is synthesized.
import { qualifiedName } from "./environments";

/** "Unicorn API" → "unicorn-api": lower case, dashes, at most 40 characters. */
export function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "api"
  );
}

/** What every AWS name starts with: the API's slug and the environment, so environments can share an account. */
export function awsNamePrefix(apiName: string, environment: { readonly name: string } | undefined): string {
  return qualifiedName(slug(apiName), environment, "slug");
}

/** A handler's Lambda function name, which also names its IAM role. */
export const functionNameOf = (prefix: string, handler: string) => `${prefix}-${handler}`;
/** A function's log group, created by the stack so its retention is the model's. */
export const functionLogGroupOf = (functionName: string) => `/aws/lambda/${functionName}`;
/** The API stage's access-log group. */
export const accessLogGroupOf = (prefix: string) => `/aws/apigateway/${prefix}`;
/** A handler bundle's source map, beside its archive (`<bundle dir>/<code hash>/index.js.map`): the emulator maps stack traces with it. */
export const SOURCE_MAP_FILE = "index.js.map";
