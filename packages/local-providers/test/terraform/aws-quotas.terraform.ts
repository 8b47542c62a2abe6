// The aws catalogue's quotas of hundreds of objects (routes and integrations per API) through
// terraform 1.11 and the stand-in: the limit applies, one more is refused (see conformance/).
import { quotaSuite } from "../conformance/suite";

quotaSuite("aws");
