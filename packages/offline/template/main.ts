// The cdktf app (cdktf.json "app"): the model checked for the chosen environment (a refused
// model is said with every problem, and nothing is written), then both stacks.
import { AccessModelApp } from "@apigw-auth0-rbac/constructs";
import accessModel from "./access-model";
import { buildStacks } from "./stacks";

const app = AccessModelApp.forModel(accessModel);
buildStacks(app, app.configuration);
app.synth();
