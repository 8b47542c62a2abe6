// The aws/aws-sdk-go-v2 enums the aws provider validates against (enum.Validate: case-sensitive,
// internal/enum/validate.go), in the SDK's Values() order, which is the order of the message.

/** service/apigatewayv2/types/enums.go, read at 1278f13. */
export const APIGW_ENUMS = {
  AuthorizationType: ["NONE", "AWS_IAM", "CUSTOM", "JWT"],
  AuthorizerType: ["REQUEST", "JWT"],
  ConnectionType: ["INTERNET", "VPC_LINK"],
  ContentHandlingStrategy: ["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"],
  IntegrationType: ["AWS", "HTTP", "MOCK", "HTTP_PROXY", "AWS_PROXY"],
  IpAddressType: ["ipv4", "dualstack"],
  LoggingLevel: ["ERROR", "INFO", "OFF"],
  PassthroughBehavior: ["WHEN_NO_MATCH", "NEVER", "WHEN_NO_TEMPLATES"],
  ProtocolType: ["WEBSOCKET", "HTTP"],
} as const;

/**
 * service/lambda/types/enums.go, read at 058d984 (2026). Runtime: that file's values less those
 * AWS added after 6.25.0's release on 2025-12-04 (dotnet10 on 2025-12-11, ruby4.0, nodejs26.x,
 * python3.15, java8/11/17.al2023), which the 6.25.0 binary cannot know.
 */
export const LAMBDA_ENUMS = {
  Architecture: ["x86_64", "arm64"],
  ApplicationLogLevel: ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"],
  FunctionUrlAuthType: ["NONE", "AWS_IAM"],
  FunctionVersionLatestPublished: ["LATEST_PUBLISHED"],
  LogFormat: ["JSON", "Text"],
  PackageType: ["Zip", "Image"],
  Runtime: [
    "nodejs",
    "nodejs4.3",
    "nodejs6.10",
    "nodejs8.10",
    "nodejs10.x",
    "nodejs12.x",
    "nodejs14.x",
    "nodejs16.x",
    "nodejs18.x",
    "nodejs20.x",
    "nodejs22.x",
    "nodejs24.x",
    "java8",
    "java8.al2",
    "java11",
    "java17",
    "java21",
    "java25",
    "python2.7",
    "python3.6",
    "python3.7",
    "python3.8",
    "python3.9",
    "python3.10",
    "python3.11",
    "python3.12",
    "python3.13",
    "python3.14",
    "dotnetcore1.0",
    "dotnetcore2.0",
    "dotnetcore2.1",
    "dotnetcore3.1",
    "dotnet6",
    "dotnet8",
    "nodejs4.3-edge",
    "go1.x",
    "ruby2.5",
    "ruby2.7",
    "ruby3.2",
    "ruby3.3",
    "ruby3.4",
    "provided",
    "provided.al2",
    "provided.al2023",
  ],
  SnapStartApplyOn: ["PublishedVersions", "None"],
  SystemLogLevel: ["DEBUG", "INFO", "WARN"],
  TenantIsolationMode: ["PER_TENANT"],
  TracingMode: ["Active", "PassThrough"],
} as const;

/** service/acm/types/enums.go, read at 1278f13. */
export const ACM_ENUMS = {
  CertificateExport: ["ENABLED", "DISABLED"],
  CertificateTransparencyLoggingPreference: ["ENABLED", "DISABLED"],
  KeyAlgorithm: ["RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"],
  ValidationMethod: ["EMAIL", "DNS", "HTTP"],
} as const;

/**
 * service/route53/types/enums.go RRType, read at 0438d8f, an older state than 6.25.0's SDK:
 * record types Route 53 added later (e.g. HTTPS, SVCB, TLSA, SSHFP) are refused here and may
 * be accepted by the 6.25.0 binary.
 */
export const ROUTE53_ENUMS = {
  RRType: ["SOA", "A", "TXT", "NS", "CNAME", "MX", "NAPTR", "PTR", "SRV", "SPF", "AAAA", "CAA", "DS"],
} as const;

/** service/cloudwatchlogs/types/enums.go LogGroupClass. */
export const LOGS_ENUMS = { LogGroupClass: ["STANDARD", "INFREQUENT_ACCESS", "DELIVERY"] } as const;
