/**
 * Starts and stops real redis-server processes for the connection tests.
 * Every server listens on 127.0.0.1 only, on ports picked free by the OS,
 * keeps nothing on disk beyond its own temporary folder, and is stopped by the
 * process id that this module spawned.
 */
import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const INSTALL_HINT = 'run scripts/redis/install.sh as root to install redis-server, redis-cli and openssl';
const READY_TIMEOUT_MS = 10_000;
const POLL_INTERVAL_MS = 20;
const STOP_TIMEOUT_MS = 3_000;

/** TLS settings of a test server; all paths are PEM files. */
export interface TlsServerFiles {
  certFile: string;
  keyFile: string;
  caCertFile: string;
  /** `tls-auth-clients`: `yes` requires a client certificate signed by `caCertFile`. */
  authClients: 'yes' | 'no' | 'optional';
  /** Client certificate and key that redis-cli uses for cluster set-up when `authClients` is `yes`. */
  clientCertFile?: string;
  clientKeyFile?: string;
}

/** Options of `startRedisServer`. */
export interface RedisServerOptions {
  /** TLS files. With them the server serves TLS only (the plain port is disabled), and without them plain TCP only. */
  tls?: TlsServerFiles;
  /** `requirepass` of the default user. */
  password?: string;
  /** Extra `--name value` arguments for redis-server. */
  extraArguments?: string[];
}

/** A redis-server process started by this module. */
export interface RunningRedisServer {
  pid: number;
  host: '127.0.0.1';
  /** The port clients connect to: the TLS port for a TLS server, else the plain port. */
  port: number;
  dir: string;
  /** Output of redis-server so far, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/** Three TLS master nodes that form one Redis Cluster. */
export interface RunningRedisCluster {
  nodes: RunningRedisServer[];
  stop(): Promise<void>;
}

const startedProcesses = new Set<ChildProcess>();

// A test that crashes still leaves no redis-server running: kill what this process spawned.
process.on('exit', () => {
  for (const child of startedProcesses) {
    if (child.pid !== undefined && child.exitCode === null) {
      process.kill(child.pid, 'SIGKILL');
    }
  }
});

/**
 * Throws with the install hint when redis-server, redis-cli or openssl is missing,
 * so a test fails with the fix in its message rather than being skipped.
 */
export function assertRedisInstalled(): void {
  const versionCommands: [string, string[]][] = [
    ['redis-server', ['--version']],
    ['redis-cli', ['--version']],
    ['openssl', ['version']],
  ];
  for (const [command, args] of versionCommands) {
    try {
      execFileSync(command, args, { stdio: 'ignore' });
    } catch {
      throw new Error(`${command} not found: ${INSTALL_HINT}.`);
    }
  }
}

/** Returns a TCP port on 127.0.0.1 that was free when asked. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A TCP server in a child process that accepts connections and never sends a byte. */
export interface SilentServer {
  pid: number;
  port: number;
  stop(): Promise<void>;
}

const SILENT_SERVER_SCRIPT = `
const server = require('node:net').createServer(() => undefined);
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

/**
 * Starts a TCP server that hangs every connection, in place of a host that
 * never replies. It runs in its own process so its sockets do not count as
 * sockets of the test process.
 */
export async function startSilentServer(): Promise<SilentServer> {
  const child = spawn(process.execPath, ['-e', SILENT_SERVER_SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] });
  startedProcesses.add(child);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`silent server exited with code ${code} before listening`)));
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number.parseInt(chunk.toString(), 10)));
  });
  return { pid: child.pid as number, port, stop: () => stopProcess(child) };
}

/** Starts one redis-server and resolves once it accepts TCP connections. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RunningRedisServer> {
  const port = await findFreePort();
  const dir = await mkdtemp(join(tmpdir(), 'creatio-redis-server-'));
  const args = [
    '--bind', '127.0.0.1',
    '--save', '',
    '--appendonly', 'no',
    '--dir', dir,
    '--logfile', '',
    '--loglevel', 'warning',
    ...portArguments(port, options.tls),
    ...(options.password !== undefined ? ['--requirepass', options.password] : []),
    ...(options.extraArguments ?? []),
  ];
  return spawnServer(args, port, dir);
}

/** Options of `startRedisSentinel`. */
export interface RedisSentinelOptions {
  /** Each master that the Sentinel monitors, by the name clients ask for. */
  monitors: { masterName: string; master: RunningRedisServer; masterPassword?: string }[];
  /** `requirepass` of the Sentinel itself. */
  password?: string;
  /** TLS files. With them the Sentinel serves TLS only and reaches the masters over TLS. */
  tls?: TlsServerFiles;
}

/**
 * Starts one `redis-server --sentinel` and resolves once it accepts TCP connections. The
 * configuration file is written to the Sentinel's own temporary folder, because a Sentinel
 * rewrites its file.
 */
export async function startRedisSentinel(options: RedisSentinelOptions): Promise<RunningRedisServer> {
  const port = await findFreePort();
  const dir = await mkdtemp(join(tmpdir(), 'creatio-redis-sentinel-'));
  const configLines = options.monitors.flatMap(({ masterName, master, masterPassword }) => [
    // Quorum 1: each Sentinel may decide alone, which no test relies on, since no master goes down.
    `sentinel monitor ${masterName} ${master.host} ${master.port} 1`,
    ...(masterPassword !== undefined ? [`sentinel auth-pass ${masterName} ${masterPassword}`] : []),
  ]);
  const configFile = join(dir, 'sentinel.conf');
  await writeFile(configFile, `${configLines.join('\n')}\n`);
  const args = [
    configFile,
    '--sentinel',
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--logfile', '',
    '--loglevel', 'warning',
    ...portArguments(port, options.tls),
    ...(options.tls !== undefined ? ['--tls-replication', 'yes'] : []),
    ...(options.password !== undefined ? ['--requirepass', options.password] : []),
  ];
  return spawnServer(args, port, dir);
}

function portArguments(port: number, tls: TlsServerFiles | undefined): string[] {
  if (tls === undefined) {
    return ['--port', String(port)];
  }
  return [
    '--port', '0',
    '--tls-port', String(port),
    '--tls-cert-file', tls.certFile,
    '--tls-key-file', tls.keyFile,
    '--tls-ca-cert-file', tls.caCertFile,
    '--tls-auth-clients', tls.authClients,
  ];
}

async function spawnServer(args: string[], port: number, dir: string): Promise<RunningRedisServer> {
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  startedProcesses.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new Error(`redis-server not found: ${INSTALL_HINT}.`) : error);
    });
  });
  await spawned;

  const server: RunningRedisServer = {
    pid: child.pid as number,
    host: '127.0.0.1',
    port,
    dir,
    log: () => output,
    stop: () => stopServer(child, dir),
  };
  try {
    await waitForPort(port, child, () => output);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`redis-server exited with code ${child.exitCode} before listening on port ${port}:\n${log()}`);
    }
    if (await canConnect(port)) {
      return;
    }
    await delay(POLL_INTERVAL_MS);
  }
  throw new Error(`redis-server did not listen on 127.0.0.1:${port} within ${READY_TIMEOUT_MS} ms:\n${log()}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function stopServer(child: ChildProcess, dir: string): Promise<void> {
  await stopProcess(child);
  await rm(dir, { recursive: true, force: true });
}

/** Sends SIGTERM to the child, then SIGKILL when it has not exited after STOP_TIMEOUT_MS. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
    const pid = child.pid;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const killTimer = setTimeout(() => process.kill(pid, 'SIGKILL'), STOP_TIMEOUT_MS);
    process.kill(pid, 'SIGTERM');
    await exited;
    clearTimeout(killTimer);
  }
  startedProcesses.delete(child);
}

/**
 * Starts three TLS master nodes with TLS on the cluster bus too, joins them with
 * `redis-cli --cluster create`, and resolves once every node reports `cluster_state:ok`.
 */
export async function startRedisCluster(tls: TlsServerFiles, password?: string): Promise<RunningRedisCluster> {
  const nodes = await Promise.all([0, 1, 2].map(() => startClusterNode(tls, password)));
  const stop = async (): Promise<void> => {
    await Promise.all(nodes.map((node) => node.stop()));
  };
  try {
    const cliTls = redisCliTlsArguments(tls);
    const env = password === undefined ? process.env : { ...process.env, REDISCLI_AUTH: password };
    const addresses = nodes.map((node) => `127.0.0.1:${node.port}`);
    await execFileAsync('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes', ...cliTls], {
      env,
      timeout: READY_TIMEOUT_MS,
    });
    await Promise.all(nodes.map((node) => waitForClusterState(node, cliTls, env)));
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes, stop };
}

async function startClusterNode(tls: TlsServerFiles, password: string | undefined): Promise<RunningRedisServer> {
  const busPort = await findFreePort();
  const extraArguments = [
    '--cluster-enabled', 'yes',
    '--cluster-config-file', 'nodes.conf',
    '--cluster-port', String(busPort),
    '--cluster-node-timeout', '5000',
    '--tls-cluster', 'yes',
    '--tls-replication', 'yes',
    // Cluster nodes authenticate to each other with masterauth when a password is set.
    ...(password !== undefined ? ['--masterauth', password] : []),
  ];
  return startRedisServer({ tls, password, extraArguments });
}

function redisCliTlsArguments(tls: TlsServerFiles): string[] {
  const args = ['--tls', '--cacert', tls.caCertFile];
  if (tls.clientCertFile !== undefined && tls.clientKeyFile !== undefined) {
    args.push('--cert', tls.clientCertFile, '--key', tls.clientKeyFile);
  }
  return args;
}

/** Runs redis-cli against one TLS node with the cluster's credentials and returns its output. */
export async function runRedisCli(node: RunningRedisServer, tls: TlsServerFiles, password: string | undefined, args: string[]): Promise<string> {
  const env = password === undefined ? process.env : { ...process.env, REDISCLI_AUTH: password };
  const { stdout } = await execFileAsync('redis-cli', ['-h', node.host, '-p', String(node.port), ...redisCliTlsArguments(tls), ...args], {
    env,
    timeout: READY_TIMEOUT_MS,
  });
  return stdout;
}

async function waitForClusterState(node: RunningRedisServer, cliTls: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastOutput = '';
  while (Date.now() < deadline) {
    const { stdout } = await execFileAsync('redis-cli', ['-h', '127.0.0.1', '-p', String(node.port), ...cliTls, 'CLUSTER', 'INFO'], {
      env,
      timeout: READY_TIMEOUT_MS,
    });
    lastOutput = stdout;
    if (stdout.includes('cluster_state:ok')) {
      return;
    }
    await delay(POLL_INTERVAL_MS * 5);
  }
  throw new Error(`Cluster node 127.0.0.1:${node.port} did not reach cluster_state:ok within ${READY_TIMEOUT_MS} ms:\n${lastOutput}`);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
