// The model reference (docs/MODEL.md), written from the schema itself (its JSON Schema, as
// zod gives it, with each field's description), so it cannot drift from what is checked.
import { z } from "zod";
import { accessModelSchema } from "../src/schema";

type JsonSchema = {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  pattern?: string;
};

interface Row {
  readonly field: string;
  readonly type: string;
  readonly required: string;
  readonly description: string;
}

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((v) => `\`${JSON.stringify(v)}\``).join(" \\| ");
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(" \\| ");
  if (schema.type === "array") return `list of ${typeOf(schema.items ?? {})}`;
  if (schema.type === "object") return schema.properties ? "object" : "map";
  if (schema.type === "integer") return "whole number";
  return String(schema.type ?? "any");
}

function constraints(schema: JsonSchema): string[] {
  const out: string[] = [];
  if (schema.maxItems !== undefined) out.push(`(${schema.minItems ?? 0} to ${schema.maxItems} entries)`);
  else if (schema.minItems) out.push(`(at least ${schema.minItems})`);
  const max = schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER ? schema.maximum : undefined;
  if (schema.minimum !== undefined && max !== undefined) out.push(`(${schema.minimum} to ${max})`);
  if (schema.exclusiveMinimum !== undefined) out.push(`(more than ${schema.exclusiveMinimum})`);
  // Short patterns say something; an e-mail's regular expression does not.
  if (schema.pattern && schema.pattern.length <= 40) out.push(`(matches \`${schema.pattern}\`)`);
  return out;
}

function rows(schema: JsonSchema, path: string, required: boolean): Row[] {
  const notes = [schema.description, ...constraints(schema)].filter(Boolean).join(" ");
  const own: Row[] = path
    ? [
        {
          field: `\`${path}\``,
          type: typeOf(schema),
          required: required ? "required" : schema.default !== undefined ? `default \`${JSON.stringify(schema.default)}\`` : "optional",
          description: notes,
        },
      ]
    : [];
  if (schema.type === "object" && schema.properties) {
    return [
      ...own,
      ...Object.entries(schema.properties).flatMap(([name, child]) =>
        rows(child, path ? `${path}.${name}` : name, schema.required?.includes(name) ?? false),
      ),
    ];
  }
  if (schema.type === "array" && schema.items?.properties)
    return [...own, ...rows({ ...schema.items, description: undefined }, `${path}[]`, false).slice(1)];
  if (schema.type === "object" && typeof schema.additionalProperties === "object") {
    return [...own, ...rows({ ...schema.additionalProperties, description: undefined }, `${path}.<name>`, false).slice(1)];
  }
  return own;
}

export function modelReference(): string {
  const schema = z.toJSONSchema(accessModelSchema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const table = rows(schema, "", true).map((r) => `| ${r.field} | ${r.type} | ${r.required} | ${r.description.replace(/\|/g, "\\|")} |`);
  return `# The model: access-model.ts

Generated from the schema (\`src/schema.ts\`) by \`npm run docs\`; a test fails when it is stale.
Everything the table says is checked at synth, each problem reported with its field and
the fix. What is checked beyond a field's own shape (a scope that no permission declares, a
handler without its file, what AWS and Auth0 limits a value reaches) is in
[MODEL-GUIDE.md](../../../docs/MODEL-GUIDE.md#what-the-model-refuses) and [MODEL-LIMITS.md](MODEL-LIMITS.md).

| field | type | | notes |
|---|---|---|---|
${table.join("\n")}
`;
}
