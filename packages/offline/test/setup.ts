process.env.CHECKPOINT_DISABLE = "1";
// The AWS SDK's notice that its releases after January 2027 need Node 22: the SDK is used by the
// tests only, and the notice in the middle of the output reads like a failure.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
