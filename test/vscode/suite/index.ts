/**
 * The integration suite's entry point, loaded by VS Code's extension host through
 * `--extensionTestsPath`. It runs the tests with mocha and rejects when any test fails.
 */
import { defineExtensionTests } from './extension.test.js';

type MochaConstructor = new (options: Record<string, unknown>) => {
  suite: { emit(event: string, context: unknown, file: string, mocha: unknown): void };
  run(callback: (failures: number) => void): unknown;
};

// mocha 12 is an ES module; a Function keeps esbuild from turning this import into require().
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<Record<string, unknown>>;

export async function run(): Promise<void> {
  const loaded = await importModule(require.resolve('mocha'));
  const Mocha = (loaded.default ?? loaded) as MochaConstructor;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  mocha.suite.emit('pre-require', globalThis, 'extension.test.js', mocha);
  defineExtensionTests();

  let passed = 0;
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve) as unknown as { on(event: string, listener: () => void): void };
    runner.on('pass', () => passed++);
  });
  console.log(`VS Code suite: ${passed} passed, ${failures} failed`);
  if (failures > 0) throw new Error(`${failures} VS Code test(s) failed.`);
}
