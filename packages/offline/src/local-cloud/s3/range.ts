// GetObject's Range header, as S3 serves it (API_GetObject, "Range": one byte range of RFC 9110
// §14.1.2; "Amazon S3 doesn't support retrieving multiple ranges of data per GET request").
// terraform's S3 backend downloads its state through the SDK's downloader, which asks for
// `bytes=0-<part size - 1>` and reads the object's size from Content-Range.
import { S3Error } from "@apigw-auth0-rbac/local-providers/cloud";

export interface ByteRange {
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
}

/**
 * The range of an object of `size` bytes that `header` asks for; undefined for the whole object
 * (no header, several ranges, a header that is not a byte range, or an empty object, as a
 * server may ignore a Range it does not serve). One that starts past the end is S3's 416 InvalidRange.
 */
export function byteRange(header: string | undefined, size: number): ByteRange | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? "");
  if (!match || (match[1] === "" && match[2] === "") || size === 0) return undefined;
  const [first, last] = [match[1], match[2]];
  if (first === "") {
    // bytes=-N: the last N bytes.
    const length = Number(last);
    if (length === 0) throw unsatisfiable(header!, size);
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== "" && Number(last) < start) return undefined;
  if (start >= size) throw unsatisfiable(header!, size);
  return { start, end };
}

const unsatisfiable = (header: string, size: number) =>
  new S3Error("GetObject", 416, "InvalidRange", "The requested range is not satisfiable", { RangeRequested: header, ActualObjectSize: String(size) });
