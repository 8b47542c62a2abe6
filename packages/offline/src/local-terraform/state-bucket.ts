// The bucket a local run keeps its state in, on an S3 server on this machine, reached with the
// official SDK as terraform's backend reaches it (path style, the run's credentials): made
// before terraform starts (terraform's init fails on a bucket that does not exist), and read
// for what the run says about its state (whether a stack has any yet, its serial).
import { CreateBucketCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import type { StateConfig } from "@apigw-auth0-rbac/model/project";
import { LocalRunError } from "./layout";

type S3State = Extract<StateConfig, { backend: "s3" }>;

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export class StateBucket {
  private readonly client: S3Client;

  constructor(
    private readonly config: S3State & { readonly endpoint: string },
    credentials: Credentials | undefined,
  ) {
    // The SDK's notice that its 2027 releases will need Node.js 22 says nothing about this run (README: Node.js 22 or 24).
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    this.client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      forcePathStyle: config.usePathStyle,
      // Otherwise the SDK's default chain: a profile, as terraform would find it.
      ...(credentials ? { credentials } : {}),
      maxAttempts: 2,
    });
  }

  /** Creates the bucket unless it is there; says in one line why it could not. */
  async ensure(): Promise<"found" | "created"> {
    const bucket = this.config.bucket;
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: bucket }));
      return "found";
    } catch (err) {
      if (!(err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404)) throw this.unreachable(err);
    }
    try {
      const location = this.config.region === "us-east-1" ? {} : { CreateBucketConfiguration: { LocationConstraint: this.config.region as never } };
      await this.client.send(new CreateBucketCommand({ Bucket: bucket, ...location }));
      return "created";
    } catch (err) {
      throw this.unreachable(err);
    }
  }

  /** The object's text, or undefined when there is none. */
  async read(key: string): Promise<string | undefined> {
    try {
      return await (await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: key }))).Body?.transformToString();
    } catch (err) {
      if (err instanceof S3ServiceException && err.name === "NoSuchKey") return undefined;
      throw this.unreachable(err);
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: key }));
      return true;
    } catch (err) {
      if (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404) return false;
      throw this.unreachable(err);
    }
  }

  close(): void {
    this.client.destroy();
  }

  private unreachable(err: unknown): LocalRunError {
    const { endpoint, bucket } = this.config;
    const code = (err as NodeJS.ErrnoException).code ?? (err as { cause?: NodeJS.ErrnoException }).cause?.code;
    if (code === "ECONNREFUSED")
      return new LocalRunError(
        `nothing answers at STATE_S3_ENDPOINT=${endpoint}: start the S3 server first (npm run cloud serves one); nothing was changed`,
      );
    const name = err instanceof S3ServiceException ? `${err.name}: ` : "";
    return new LocalRunError(`the S3 server at ${endpoint} refused bucket ${bucket}: ${name}${(err as Error).message}; nothing was changed`);
  }
}
