#!/usr/bin/env node
// The toolkit's commands, run in an access-model project: `apigw-offline start`, `token`, `local`…

require("../dist/commands/main.js").main(process.argv.slice(2));
