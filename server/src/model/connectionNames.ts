/** Connection string names Creatio reads. Other names are legal, so an unknown name is no error. */

export interface ConnectionName {
  name: string;
  documentation: string;
  since?: string;
}

export const CONNECTION_NAMES: readonly ConnectionName[] = [
  { name: 'db', documentation: 'Main database: an MS SQL, PostgreSQL or Oracle ADO.NET connection string. Required.' },
  { name: 'dbPostgreSql', documentation: 'PostgreSQL (Npgsql) connection string, on some builds.' },
  { name: 'db_Replica', documentation: 'Read-only database replica.', since: '7.18.4' },
  { name: 'redis', documentation: 'Redis connection string (host=…;port=…;db=…). Required.' },
  { name: 'redisSentinel', documentation: 'Redis Sentinel connection string of older shipped defaults; Sentinel was retired in 7.18.3.' },
  { name: 'influx', documentation: 'InfluxDB: url=…; user=…; password=…; batchIntervalMs=…' },
  { name: 'messageBroker', documentation: 'AMQP URI of the RabbitMQ message broker.' },
  { name: 'elasticsearchCredentials', documentation: 'Elasticsearch credentials: User=…; Password=…;' },
  { name: 's3Connection', documentation: 'S3 file storage.', since: '7.18.1' },
  { name: 'azureConnection', documentation: 'Azure Blob file storage.', since: '8.0.2' },
  { name: 'clientPerformanceLoggerServiceUri', documentation: 'URL of the client performance logger service.' },
  { name: 'tempDirectoryPath', documentation: 'Folder for temporary files.' },
  { name: 'defPackagesWorkingCopyPath', documentation: 'Working copy folder of packages.' },
  { name: 'sourceControlAuthPath', documentation: 'Folder of the version control credentials.' },
  { name: 'defRepositoryUri', documentation: 'URI of the default version control repository.' },
  { name: 'defWorkingCopyPath', documentation: 'Working copy folder of the default repository.' },
  { name: 'clientUnitContentPath', documentation: 'Folder of generated client module content.' },
];

export function findConnectionName(name: string): ConnectionName | undefined {
  return CONNECTION_NAMES.find((entry) => entry.name === name);
}

/**
 * Returns `name.toLowerCase()`, without the copy when the name has no capital letter nor any
 * non-ASCII character: names are compared without regard to case for every entry of a large file.
 */
export function lowerCaseOf(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if ((code >= 0x41 && code <= 0x5a) || code >= 0x80) return name.toLowerCase();
  }
  return name;
}
