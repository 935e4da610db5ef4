// Writes package.json's contributes.configuration and the README's rule and settings tables from
// server/src/settings.ts and the rule catalogue, so every default is defined once.
// `node scripts/sync-manifest.mjs --check` fails when either file is stale.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

async function loadModule(entry) {
  const outfile = join(tmpdir(), `creatio-${entry.replace(/\W/g, '-')}-${process.pid}.cjs`);
  await build({ entryPoints: [entry], outfile, bundle: true, format: 'cjs', platform: 'node', logLevel: 'warning' });
  try {
    return require(outfile);
  } finally {
    rmSync(outfile, { force: true });
  }
}

const loadSettingsModule = () => loadModule('server/src/settings.ts');

export async function expectedConfiguration() {
  const { SETTING_DEFINITIONS, TRACE_SETTING, SETTINGS_SECTION } = await loadSettingsModule();
  const properties = {};
  for (const definition of SETTING_DEFINITIONS) {
    properties[`${SETTINGS_SECTION}.${definition.key}`] = { ...definition.schema, default: definition.default, markdownDescription: definition.description, scope: 'resource' };
  }
  properties[`${SETTINGS_SECTION}.${TRACE_SETTING.key}`] = { ...TRACE_SETTING.schema, default: TRACE_SETTING.default, description: TRACE_SETTING.description, scope: 'window' };
  return { title: 'Creatio ConnectionStrings', properties };
}

function markdown(text) {
  return text.replace(/<[^<>]+>/g, (tag) => `\`${tag}\``).replace(/\|/g, '\\|');
}

async function expectedTables() {
  const { RULES } = await loadModule('server/src/rules/index.ts');
  const { SETTING_DEFINITIONS, TRACE_SETTING, SETTINGS_SECTION } = await loadSettingsModule();
  const rules = ['| rule id | default | reported when |', '| --- | --- | --- |'];
  for (const rule of RULES) rules.push(`| <a id="${rule.id}"></a>\`${rule.id}\` | ${rule.defaultSeverity} | ${markdown(rule.summary)} |`);
  const settings = ['| setting | default | what it does |', '| --- | --- | --- |'];
  for (const definition of [...SETTING_DEFINITIONS, TRACE_SETTING]) {
    settings.push(`| \`${SETTINGS_SECTION}.${definition.key}\` | \`${JSON.stringify(definition.default)}\` | ${markdown(definition.description)} |`);
  }
  return { rules: rules.join('\n'), settings: settings.join('\n') };
}

function replaceBetween(text, name, body) {
  const pattern = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`);
  return text.replace(pattern, (_, open, close) => `${open}\n${body}\n${close}`);
}

export async function syncManifest({ check = false } = {}) {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  const configuration = await expectedConfiguration();
  const manifestFresh = JSON.stringify(manifest.contributes.configuration) === JSON.stringify(configuration);

  const readme = readFileSync('README.md', 'utf8');
  const tables = await expectedTables();
  const expectedReadme = replaceBetween(replaceBetween(readme, 'rules', tables.rules), 'settings', tables.settings);
  const readmeFresh = readme === expectedReadme;

  if (check) return manifestFresh && readmeFresh;
  if (!manifestFresh) {
    manifest.contributes.configuration = configuration;
    writeFileSync('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
  }
  if (!readmeFresh) writeFileSync('README.md', expectedReadme);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const check = process.argv.includes('--check');
  const upToDate = await syncManifest({ check });
  if (!upToDate) {
    console.error('package.json contributes.configuration or the README tables are out of date; run npm run build.');
    process.exit(1);
  }
}
