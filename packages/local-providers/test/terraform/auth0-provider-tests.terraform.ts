// The auth0/auth0 provider's own acceptance and validator tests at v1.55.0, as our cases, through
// terraform 1.11 and the stand-in (see conformance/provider-tests/).
import { providerTestSuite } from "../conformance/provider-tests/suite";

providerTestSuite("auth0");
