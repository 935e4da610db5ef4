/**
 * Records every socket that ioredis opens for one test, including the
 * short-lived connections that a Cluster client makes on its own to load the
 * slot map, so the test can wait until all of them are closed.
 */
import type { RedisOptions, StandaloneConnectionOptions } from 'ioredis';
import { StandaloneConnector } from 'ioredis/built/connectors';
import type { Socket } from 'node:net';

type ConnectorConstructor = NonNullable<RedisOptions['Connector']>;
type ErrorEmitter = Parameters<StandaloneConnector['connect']>[0];

/** The sockets of one test run. */
export class SocketTracker {
  private readonly sockets = new Set<Socket>();

  /** Value for the `Connector` option of ioredis; duplicated clients inherit it. */
  readonly connector: ConnectorConstructor;

  constructor() {
    const sockets = this.sockets;
    this.connector = class TrackingConnector extends StandaloneConnector {
      // ioredis types the Connector constructor argument as unknown; it passes the client's options.
      constructor(options: unknown) {
        super(options as StandaloneConnectionOptions);
      }

      override async connect(emitter: ErrorEmitter): ReturnType<StandaloneConnector['connect']> {
        const stream = await super.connect(emitter);
        sockets.add(stream);
        return stream;
      }
    };
  }

  /**
   * Resolves once every recorded socket has closed. Sockets still open after
   * `graceMs` (a server that never answers the TLS close) are destroyed.
   */
  async waitUntilClosed(graceMs: number): Promise<void> {
    const open = [...this.sockets].filter((socket) => !socket.closed);
    if (open.length === 0) {
      return;
    }
    const timer = setTimeout(() => open.forEach((socket) => socket.destroy()), graceMs);
    await Promise.all(open.map((socket) => new Promise<void>((resolve) => (socket.closed ? resolve() : socket.once('close', () => resolve())))));
    clearTimeout(timer);
  }
}
