// The hashicorp/aws provider's own acceptance and validator tests at 6.25.0, as our cases, through
// terraform 1.11 and the stand-in (see conformance/provider-tests/).
import { providerTestSuite } from "../conformance/provider-tests/suite";

providerTestSuite("aws");
