// What npm run cloud's servers read of a request's body: nothing before the caller's
// credentials are checked, and at most a bound after, so a stranger cannot make them buffer
// megabytes. An answer given without reading a body closes the connection: Node would
// otherwise read the rest of it to keep the connection for another request.
import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyTooLargeError, ClientError, readBody } from "../emulator/http/util";

const declaresBody = (req: IncomingMessage) =>
  req.headers["transfer-encoding"] !== undefined || (req.headers["content-length"] !== undefined && req.headers["content-length"] !== "0");

/** Before an answer: a body not read is not read later either. */
export function closeIfBodyUnread(req: IncomingMessage, res: ServerResponse): void {
  if (declaresBody(req) && !req.readableEnded && !res.headersSent) res.setHeader("connection", "close");
}

/** A refused body, for the server to answer in its protocol's words. */
export class BodyRefused extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** The body as text, at most `limit` bytes (more is refused as soon as it is known, from content-length before a byte is read). */
export async function bodyText(req: IncomingMessage, limit: number, tooLarge: (limit: number) => string): Promise<string> {
  try {
    return (await readBody(req, limit)).toString("utf8");
  } catch (err) {
    if (err instanceof BodyTooLargeError) throw new BodyRefused(413, tooLarge(limit));
    if (err instanceof ClientError) throw new BodyRefused(400, err.message);
    throw err;
  }
}
