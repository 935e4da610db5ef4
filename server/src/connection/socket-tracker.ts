/**
 * Records every socket that ioredis opens for one test, including the
 * short-lived connections that a Cluster client makes on its own to load the
 * slot map, so the test can wait until all of them are closed.
 */
import type { RedisOptions, StandaloneConnectionOptions } from 'ioredis';
import type { StandaloneConnector } from 'ioredis/built/connectors';
import type { Socket } from 'node:net';
import { loadConnectors } from './ioredis.js';

type ConnectorConstructor = NonNullable<RedisOptions['Connector']>;
type ErrorEmitter = Parameters<StandaloneConnector['connect']>[0];

/** The sockets of one test run. */
export class SocketTracker {
  /** Each socket with a promise of its "close" event, which net.Socket emits once the OS handle is released. */
  private readonly sockets = new Map<Socket, Promise<void>>();

  /** Value for the `Connector` option of ioredis; duplicated clients inherit it. */
  readonly connector: ConnectorConstructor;

  constructor() {
    const sockets = this.sockets;
    this.connector = class TrackingConnector extends loadConnectors().StandaloneConnector {
      // ioredis types the Connector constructor argument as unknown; it passes the client's options.
      constructor(options: unknown) {
        super(options as StandaloneConnectionOptions);
      }

      override async connect(emitter: ErrorEmitter): ReturnType<StandaloneConnector['connect']> {
        const stream = await super.connect(emitter);
        sockets.set(stream, new Promise<void>((resolve) => stream.once('close', () => resolve())));
        return stream;
      }
    };
  }

  /**
   * Resolves once every recorded socket has emitted "close". Sockets still open
   * after `graceMs` (a server that never completes the TLS close) are destroyed.
   */
  async waitUntilClosed(graceMs: number): Promise<void> {
    // socket.closed turns true before the OS handle is released, so only the "close" event counts.
    const timer = setTimeout(() => this.sockets.forEach((_closed, socket) => socket.destroy()), graceMs);
    await Promise.all(this.sockets.values());
    clearTimeout(timer);
  }
}
