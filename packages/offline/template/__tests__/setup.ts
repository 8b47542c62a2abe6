// cdktf's telemetry stays off in tests.
process.env.CHECKPOINT_DISABLE = "1";
