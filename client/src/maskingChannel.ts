/**
 * An output channel that masks secrets before they are written. The LSP trace prints whole
 * messages, document text included, so passwords from the file would otherwise reach it.
 */
import type * as vscode from 'vscode';
import { maskTrace } from '../../server/src/model/secrets.js';

const WRITERS = new Set(['append', 'appendLine', 'replace', 'trace', 'debug', 'info', 'warn', 'error']);

export function maskingChannel(channel: vscode.LogOutputChannel): vscode.LogOutputChannel {
  return new Proxy(channel, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (!WRITERS.has(String(property))) return value.bind(target);
      return (...args: unknown[]) => value.apply(target, args.map((arg) => (typeof arg === 'string' ? maskTrace(arg) : arg)));
    },
  });
}
