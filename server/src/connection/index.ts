/** Redis connection test: no dependency on vscode or the language server, so the CLI can use it too. */
export { testRedisConnection } from './test-connection';
export { formatConnectionReport, maskSecrets, MASK } from './report';
export type {
  AuthResult,
  CertificateSummary,
  ClusterReport,
  ConnectionFailure,
  ConnectionReport,
  FailureKind,
  NodeReport,
  TlsSummary,
} from './report';
export { DEFAULT_TIMEOUT_MS, formatEndpoint } from './target';
export type { ConnectionTestOptions, RedisEndpoint, RedisTarget } from './target';
