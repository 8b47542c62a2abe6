// The variables that reach a real tenant, account or state. The review's offline part needs none
// of them, so its child processes (synths, terraform, the base's binding generator) start without.

const CREDENTIALS = [
  "AUTH0_CLIENT_ID",
  "AUTH0_CLIENT_SECRET",
  "AUTH0_API_TOKEN",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_PROFILE",
  "AWS_ROLE_ARN",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
];

/** `env` without credentials and without the S3 state backend's settings. */
export function withoutCredentials(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const name of Object.keys(out)) if (CREDENTIALS.includes(name) || name.startsWith("STATE_S3_")) delete out[name];
  return out;
}
