/** Redis connection test: no dependency on vscode or the language server, so the CLI can use it too. */
export { testRedisConnection } from './test-connection.js';
export { formatConnectionReport, maskSecrets } from './report.js';
export { MASK } from '../model/secrets.js';
export type {
  AuthResult,
  CertificateSummary,
  ClusterReport,
  ConnectionFailure,
  ConnectionReport,
  FailureKind,
  NodeReport,
  SentinelNodeReport,
  SentinelReport,
  TlsSummary,
} from './report.js';
export { DEFAULT_TIMEOUT_MS, formatEndpoint } from './target.js';
export type { ConnectionTestOptions, RedisEndpoint, RedisTarget } from './target.js';
