// Validators the lambda package shares (internal/service/lambda/validate.go).
import type { rulesOf } from "../build";

type Rules = ReturnType<typeof rulesOf>;

/**
 * validFunctionName() as of 6.25.0: the pattern and 1-140 characters. The bare-name check of 64
 * characters (PR #43755) appears only in the later state of validate.go (0210c54, IBM copyright
 * header, after 6.25.0's files); at 6.25.0 the 64-character limit is CreateFunction's.
 */
export const validFunctionName = (r: Rules, path: string) => [
  r.matches(
    path,
    "^(arn:[\\w-]+:lambda:)?([a-z]{2}-(?:[a-z]+-){1,2}\\d{1}:)?(\\d{12}:)?(function:)?([0-9A-Za-z_-]+)(:(\\$LATEST|[0-9A-Za-z_-]+))?$",
    "must be valid function name or function ARN",
    { note: "internal/service/lambda/validate.go validFunctionName, the state with the HashiCorp header (id 5965568650)" },
  ),
  r.lengthBetween(path, 1, 140, { note: "internal/service/lambda/validate.go validFunctionName" }),
];

export const arn = (r: Rules, path: string, via: "ValidateFunc" | "ValidateDiagFunc" = "ValidateFunc") =>
  r.custom(
    path,
    { type: "arn" },
    "{qkey} ({value}) is an invalid ARN: {err}",
    via === "ValidateFunc" ? "verify.ValidARN" : "validation.ToDiagFunc(verify.ValidARN)",
    { via },
  );
