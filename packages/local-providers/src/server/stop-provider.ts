// StopProvider: no call outlives its RPC, so there is nothing to stop.
import type { ResponseOf } from "../rpc";

export const stopProvider = (): ResponseOf<"StopProvider"> => ({ Error: "" });
