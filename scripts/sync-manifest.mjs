// Writes package.json's contributes.configuration from server/src/settings.ts, so every default
// is defined once. `node scripts/sync-manifest.mjs --check` fails when the manifest is stale.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function loadSettingsModule() {
  const outfile = join(tmpdir(), `creatio-settings-${process.pid}.mjs`);
  await build({ entryPoints: ['server/src/settings.ts'], outfile, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning' });
  return import(pathToFileURL(outfile).href);
}

export async function expectedConfiguration() {
  const { SETTING_DEFINITIONS, TRACE_SETTING, SETTINGS_SECTION } = await loadSettingsModule();
  const properties = {};
  for (const definition of SETTING_DEFINITIONS) {
    properties[`${SETTINGS_SECTION}.${definition.key}`] = { ...definition.schema, default: definition.default, markdownDescription: definition.description, scope: 'resource' };
  }
  properties[`${SETTINGS_SECTION}.${TRACE_SETTING.key}`] = { ...TRACE_SETTING.schema, default: TRACE_SETTING.default, description: TRACE_SETTING.description, scope: 'window' };
  return { title: 'Creatio ConnectionStrings', properties };
}

export async function syncManifest({ check = false } = {}) {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  const configuration = await expectedConfiguration();
  if (JSON.stringify(manifest.contributes.configuration) === JSON.stringify(configuration)) return true;
  if (check) return false;
  manifest.contributes.configuration = configuration;
  writeFileSync('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const check = process.argv.includes('--check');
  const upToDate = await syncManifest({ check });
  if (!upToDate) {
    console.error('package.json contributes.configuration is out of date; run npm run build.');
    process.exit(1);
  }
}
