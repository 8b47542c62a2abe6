// ValidateProviderConfig: the stand-ins check nothing of the provider block.
import type { ResponseOf } from "../rpc";

export const validateProviderConfig = (): ResponseOf<"ValidateProviderConfig"> => ({ diagnostics: [] });
