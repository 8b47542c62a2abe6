// An answer of the Management API's that is not a 2xx, in Auth0's words: its status, message and
// error code, sent as {"statusCode","error","message","errorCode"}.
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errorCode?: string,
  ) {
    super(message);
  }
}
