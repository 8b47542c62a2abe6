// Every hashicorp/aws rule of the catalogue through terraform 1.11 and the stand-in: a failing
// and a passing value each, in the phase the catalogue names (see conformance/).
import { conformanceSuite } from "../conformance/suite";

conformanceSuite("aws");
