// S3's buckets and objects as terraform's S3 backend uses them (CreateBucket, HeadBucket,
// PutObject with If-None-Match, GetObject, HeadObject, DeleteObject, ListObjectsV2), in the
// local cloud's store: a bucket's objects by key, each object's bytes a blob of the store. A
// bucket's name is global to the account, and the bucket is in one region: seen from another
// region's endpoint it is refused, as S3 refuses a request signed for the wrong region. The
// wire (XML, headers, checksums) is the local cloud's (offline/src/local-cloud/s3/).
import { createHash } from "node:crypto";
import { records } from "../../cloud/records";
import { type CloudStore, memoryStore, ServiceState } from "../../cloud/store";
import { ServiceError } from "../../service-rules";

export interface S3Object {
  /** The store's blob holding the bytes. */
  blob: string;
  size: number;
  /** The MD5 of the bytes in hex, quoted: what S3 answers as ETag for an object from one PUT. */
  etag: string;
  /** ISO 8601. */
  lastModified: string;
  contentType: string;
  /** The checksums the writer sent and S3 verified, by algorithm ("SHA256"): base64, as on the wire. */
  checksums: Record<string, string>;
}

interface Bucket {
  region: string;
  created: string;
  objects: Record<string, S3Object>;
}

interface State {
  buckets: Record<string, Bucket>;
}

/** An S3 error: its code and message, and the elements S3 adds to the XML (BucketName, Key, Condition…). */
export class S3Error extends ServiceError {
  constructor(
    call: string,
    status: number,
    code: string,
    message: string,
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(call, status, code, message);
  }
}

/** What PutObject was asked: If-None-Match: * (create only). */
interface PutConditions {
  readonly ifNoneMatch?: "*";
}

interface ListRequest {
  readonly prefix: string;
  readonly delimiter?: string;
  readonly maxKeys: number;
  /** The last key already listed: StartAfter, or the key a continuation token names. */
  readonly after?: string;
}

interface ListResult {
  readonly contents: readonly (S3Object & { key: string })[];
  readonly commonPrefixes: readonly string[];
  /** More keys follow than max-keys allowed. */
  readonly truncated: boolean;
  /** The last key consumed, when more follow: the continuation token stands for it. */
  readonly next?: string;
}

/**
 * Bucket names: 3–63 characters of lowercase letters, digits, dots and hyphens, beginning and
 * ending with a letter or digit, no two adjacent dots, not an IP address
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). The rules on
 * reserved prefixes and suffixes ("xn--", "-s3alias") are not checked here.
 */
function validBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) && !name.includes("..") && !/^\d+\.\d+\.\d+\.\d+$/.test(name);
}

/** "The key name ... can be up to 1,024 bytes long" in UTF-8 (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html). */
const MAX_KEY_BYTES = 1024;

/** UTF-8 binary order, in which ListObjectsV2 returns keys (API_ListObjectsV2: "in ascending order of the key names"). */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

// The errors of https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html, in S3's words.
const noSuchBucket = (call: string, bucket: string) =>
  new S3Error(call, 404, "NoSuchBucket", "The specified bucket does not exist", { BucketName: bucket });
const noSuchKey = (call: string, key: string) => new S3Error(call, 404, "NoSuchKey", "The specified key does not exist.", { Key: key });

export class S3Api {
  private readonly state: ServiceState<State>;

  constructor(
    /** The region of the endpoint the requests reach (their signing region). */
    private readonly region = "us-east-1",
    private readonly store: CloudStore = memoryStore(),
  ) {
    this.state = new ServiceState(store, "s3", () => ({ buckets: records() }));
  }

  /**
   * CreateBucket in `region` (the request's signing region). The location constraint must name
   * that region, or be absent for us-east-1; a bucket the account owns already answers 200 in
   * us-east-1 and BucketAlreadyOwnedByYou elsewhere
   * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html).
   */
  createBucket(name: string, locationConstraint: string | undefined): void {
    const region = this.region;
    if (!validBucketName(name))
      throw new S3Error("CreateBucket", 400, "InvalidBucketName", "The specified bucket is not valid.", { BucketName: name });
    const location = locationConstraint || "us-east-1";
    if (location !== region) {
      throw new S3Error(
        "CreateBucket",
        400,
        "IllegalLocationConstraintException",
        locationConstraint
          ? `The ${locationConstraint} location constraint is incompatible for the region specific endpoint this request was sent to.`
          : "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.",
      );
    }
    this.state.update((s) => {
      if (s.buckets[name]) {
        if (region === "us-east-1" && s.buckets[name].region === region) return;
        throw new S3Error(
          "CreateBucket",
          409,
          "BucketAlreadyOwnedByYou",
          "Your previous request to create the named bucket succeeded and you already own it.",
          {
            BucketName: name,
          },
        );
      }
      s.buckets[name] = { region, created: new Date().toISOString(), objects: records() };
    });
  }

  /** HeadBucket: the bucket's region; a 404 when there is no such bucket. */
  headBucket(name: string): string {
    return this.bucketOf(this.state.read(), "HeadBucket", name).region;
  }

  /**
   * PutObject: the object replaced whole, or created. With If-None-Match: * an object already
   * under the key is a 412 PreconditionFailed and nothing is written
   * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html). The check
   * and the write are one change under the store's lock: of two writers, one creates the key and
   * the other is refused.
   */
  putObject(
    bucket: string,
    key: string,
    body: Buffer,
    meta: { readonly contentType: string; readonly checksums: Readonly<Record<string, string>> },
    conditions: PutConditions = {},
  ): S3Object {
    if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw new S3Error("PutObject", 400, "KeyTooLongError", "Your key is too long");
    const object = {
      size: body.length,
      etag: `"${createHash("md5").update(body).digest("hex")}"`,
      lastModified: new Date().toISOString(),
      contentType: meta.contentType,
      checksums: records(Object.entries(meta.checksums)),
    };
    return this.state.update((s) => {
      const objects = this.bucketOf(s, "PutObject", bucket).objects;
      if (conditions.ifNoneMatch === "*" && objects[key]) {
        throw new S3Error("PutObject", 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold", {
          Condition: "If-None-Match",
        });
      }
      // Within the change that names it: the store keeps a blob only while its document names it.
      const stored = { ...object, blob: this.store.putBlob(body) };
      objects[key] = stored;
      return stored;
    });
  }

  /** HeadObject: the object's record, or a 404. */
  headObject(bucket: string, key: string): S3Object {
    const object = this.bucketOf(this.state.read(), "HeadObject", bucket).objects[key];
    if (!object) throw noSuchKey("HeadObject", key);
    return object;
  }

  /** GetObject: the record and its bytes, as one version of the object. */
  getObject(bucket: string, key: string): { object: S3Object; body: Buffer } {
    // A PUT of another process may replace the object between reading its record and its blob,
    // and the store then removes the old blob: read again, the newer record names the newer blob.
    for (let attempt = 0; attempt < 5; attempt++) {
      const object = this.headObject(bucket, key);
      const body = this.store.getBlob(object.blob);
      if (body) return { object, body };
    }
    throw new S3Error("GetObject", 503, "SlowDown", "Please reduce your request rate.");
  }

  /** DeleteObject: 204 whether or not the key held an object (API_DeleteObject); the bucket must exist. */
  deleteObject(bucket: string, key: string): void {
    this.state.update((s) => {
      delete this.bucketOf(s, "DeleteObject", bucket).objects[key];
    });
  }

  /**
   * ListObjectsV2 (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html): keys
   * under the prefix after `after`, in UTF-8 binary order; with a delimiter, the keys that hold
   * it after the prefix are rolled up into one common prefix each, and a common prefix counts
   * as one of the max-keys.
   */
  listObjects(bucket: string, request: ListRequest): ListResult {
    const objects = this.bucketOf(this.state.read(), "ListObjectsV2", bucket).objects;
    const keys = Object.keys(objects)
      .filter((k) => k.startsWith(request.prefix) && (request.after === undefined || byBytes(k, request.after) > 0))
      .sort(byBytes);
    const contents: (S3Object & { key: string })[] = [];
    const commonPrefixes: string[] = [];
    let consumed: string | undefined;
    let truncated = false;
    for (const key of keys) {
      const rest = key.slice(request.prefix.length);
      const at = request.delimiter ? rest.indexOf(request.delimiter) : -1;
      const common = at === -1 ? undefined : request.prefix + rest.slice(0, at + request.delimiter!.length);
      // Every key of the last common prefix is consumed with it, so the next page starts after them all.
      if (common !== undefined && common === commonPrefixes[commonPrefixes.length - 1]) {
        consumed = key;
        continue;
      }
      if (contents.length + commonPrefixes.length >= request.maxKeys) {
        truncated = true;
        break;
      }
      if (common !== undefined) commonPrefixes.push(common);
      else contents.push({ ...objects[key], key });
      consumed = key;
    }
    return { contents, commonPrefixes, truncated, ...(truncated && consumed !== undefined ? { next: consumed } : {}) };
  }

  /**
   * The bucket, reached from this region. A request signed for another region than the
   * bucket's is refused with the region it should have named (ErrorResponses,
   * AuthorizationHeaderMalformed): with terraform, a STATE_S3_REGION that is not the bucket's.
   */
  private bucketOf(state: State, call: string, name: string): Bucket {
    const bucket = state.buckets[name];
    if (!bucket) throw noSuchBucket(call, name);
    if (bucket.region !== this.region) {
      throw new S3Error(
        call,
        400,
        "AuthorizationHeaderMalformed",
        `The authorization header is malformed; the region '${this.region}' is wrong; expecting '${bucket.region}'`,
        { Region: bucket.region },
      );
    }
    return bucket;
  }
}
