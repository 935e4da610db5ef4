/** Keys of other Redis clients and of Creatio's appSettings that people paste into the string. */

export interface ForeignKey {
  /** The Creatio key that means the same, when there is one. */
  replacement?: string;
  explanation: string;
}

const WEB_CONFIG_REDIS = "belongs in the <redis> section of Web.config (or Terrasoft.WebHost.dll.config), not in the connection string";

const FOREIGN_KEYS: Record<string, ForeignKey> = {
  ssl: { replacement: 'useTls', explanation: "'ssl' is a StackExchange.Redis key; Creatio turns TLS on with useTls" },
  tls: { replacement: 'useTls', explanation: "Creatio turns TLS on with useTls" },
  usessl: { replacement: 'useTls', explanation: "Creatio turns TLS on with useTls" },
  sslhost: { explanation: "'sslHost' is a StackExchange.Redis key; Creatio validates the certificate against the host name it connects to" },
  sslprotocols: { explanation: "'sslProtocols' is a StackExchange.Redis key; Creatio chooses the TLS version itself (TLS 1.2)" },
  abortconnect: { explanation: `'abortConnect' is a StackExchange.Redis key; abortOnConnectFail ${WEB_CONFIG_REDIS}` },
  abortonconnectfail: { explanation: `abortOnConnectFail ${WEB_CONFIG_REDIS}` },
  connecttimeout: { explanation: `the connection timeout ${WEB_CONFIG_REDIS}` },
  synctimeout: { explanation: `the operation timeout ${WEB_CONFIG_REDIS}` },
  asynctimeout: { explanation: `the operation timeout ${WEB_CONFIG_REDIS}` },
  defaultdatabase: { replacement: 'db', explanation: "'defaultDatabase' is a StackExchange.Redis key; Creatio reads the database number from db" },
  database: { replacement: 'db', explanation: "Creatio reads the database number from db" },
  servicename: { replacement: 'masterName', explanation: "'serviceName' is a StackExchange.Redis key; Creatio reads the Sentinel master from masterName" },
  sentinelmastername: { replacement: 'masterName', explanation: "Creatio reads the Sentinel master from masterName" },
  allowadmin: { explanation: "'allowAdmin' is a StackExchange.Redis key that Creatio does not read" },
  username: { explanation: "Creatio's documentation has no user name key; some deployment tools write 'user'" },
  server: { replacement: 'host', explanation: "Creatio reads the Redis server from host" },
  hostname: { replacement: 'host', explanation: "Creatio reads the Redis server from host" },
  redisusetls: { replacement: 'useTls', explanation: "'RedisUseTls' is an appSettings name of Web.config; in the connection string the key is useTls" },
  rediscertpath: { replacement: 'certificatePath', explanation: "'RedisCertPath' is an appSettings name of Web.config; in the connection string the key is certificatePath" },
  rediscertpass: { replacement: 'certificatePassword', explanation: "'RedisCertPass' is an appSettings name of Web.config; in the connection string the key is certificatePassword" },
  disableredistlscertificatevalidation: { replacement: 'disableTlsCertificateValidation', explanation: "'DisableRedisTlsCertificateValidation' is an appSettings name of Web.config; in the connection string the key is disableTlsCertificateValidation" },
};

/** Finds a foreign key regardless of letter case. */
export function findForeignKey(name: string): ForeignKey | undefined {
  return FOREIGN_KEYS[name.toLowerCase()];
}

/** StackExchange.Redis option names, used to recognise a whole pasted StackExchange string. */
export const STACKEXCHANGE_KEYS = new Set([
  'password', 'user', 'ssl', 'sslhost', 'sslprotocols', 'abortconnect', 'connecttimeout', 'synctimeout',
  'asynctimeout', 'defaultdatabase', 'allowadmin', 'servicename', 'connectretry', 'keepalive', 'name',
  'resolvedns', 'channelprefix', 'checkcertificaterevocation', 'tiebreaker', 'version', 'proxy',
]);
