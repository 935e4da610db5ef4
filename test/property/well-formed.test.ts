// The scanner is the only judge of well-formedness in the analysis. This property keeps it honest
// against an independent one, fast-xml-parser's XMLValidator: every mutated file the validator
// rejects, the scanner must reject too. The other direction does not hold and is not tested: the
// validator accepts many faults .NET rejects (a bare '&', '--' in a comment, a repeated
// attribute, an undeclared entity).
//
// Two known differences of the validator from XML 1.0 (fifth edition), which .NET follows, are
// taken out of the comparison:
// - it rejects names with characters from U+10000 to U+EFFFF (surrogate pairs), which XML allows.
//   The text given to the validator has those pairs replaced by 'x', a name character either way.
// - it skips a DOCTYPE by counting '<' and '>', so a '>' in an entity's quoted value confuses it;
//   files with a DOCTYPE are left out, and test/unit/scanner.test.ts covers the DOCTYPE grammar.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { scanXml } from '../../server/src/xml/scanner.js';
import { anyConfig, mutate, mutatedConfig, mutation } from './mutations.js';

const SEED = Number(process.env.PROPERTY_SEED ?? 20_261_204);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);

/** A Web.config with sections that hold text, which ConnectionStrings.config never has. */
const WEB_CONFIG = [
  '\uFEFF<?xml version="1.0" encoding="utf-8"?>',
  '<configuration>',
  '  <connectionStrings configSource="ConnectionStrings.config" />',
  '  <redis connectionStringName="redis" />',
  '  <appSettings>',
  '    <add key="RedisUseTls" value="true" />',
  '  </appSettings>',
  '  <applicationSettings>',
  '    <Terrasoft.Settings>',
  ...['Greeting', 'Footer', 'Notice'].flatMap((name) => [
    `      <setting name="${name}" serializeAs="String">`,
    '        <value>Hello &amp; welcome to the site; 5 &lt; 6 &#169; and a longer sentence of plain text</value>',
    '      </setting>',
  ]),
  '    </Terrasoft.Settings>',
  '  </applicationSettings>',
  '  <system.web><compilation debug="false" /><!-- a comment --></system.web>',
  '</configuration>',
  '',
].join('\r\n');

const mutatedWebConfig = fc.array(mutation, { maxLength: 8 }).map((changes) => changes.reduce(mutate, WEB_CONFIG));

/** Planes 1 to 14 (U+10000–U+EFFFF): the supplementary characters XML allows in names. */
const ALLOWED_SURROGATE_PAIR = /[\uD800-\uDB7F][\uDC00-\uDFFF]/g;

/** Returns the validator's verdict on `text` with the two differences above taken out; undefined means well-formed. */
function validatorFault(text: string): string | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const result = XMLValidator.validate(body.replace(ALLOWED_SURROGATE_PAIR, 'x'));
  return result === true ? undefined : `${result.err.code} at line ${result.err.line}, column ${result.err.col}: ${result.err.msg}`;
}

describe('well-formedness against fast-xml-parser', () => {
  it('the scanner rejects every file the validator rejects', () => {
    const files = fc.oneof(mutatedConfig(8), anyConfig, { weight: 2, arbitrary: mutatedWebConfig }).filter((text) => !text.includes('<!DOCTYPE'));
    let rejected = 0;
    const details = fc.check(
      fc.property(files, (text) => {
        const fault = validatorFault(text);
        if (fault === undefined) return;
        rejected++;
        assert.ok(scanXml(text).errors.length > 0, `the validator reports ${fault}; the scanner reports nothing`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    if (details.failed) {
      const input = JSON.stringify(details.counterexample?.[0]);
      const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      assert.fail(`Property failed with seed ${SEED}, path "${details.counterexamplePath}".\nInput: ${input}\n${cause}`);
    }
    // The mutations must break files often enough for the comparison to mean something.
    assert.ok(rejected >= RUNS / 5, `only ${rejected} of ${RUNS} files were rejected by the validator`);
  });

  it('both accept a well-formed file', () => {
    const text = '<?xml version="1.0"?>\n<connectionStrings>\n  <add name="redis" connectionString="host=h;port=6379" />\n</connectionStrings>\n';
    assert.equal(validatorFault(text), undefined);
    assert.deepEqual(scanXml(text).errors, []);
  });

  it('names with a supplementary character are well-formed to both after the replacement', () => {
    const text = '<connectionStrings>\n  <add name="redis" x\u{10000}y="1" />\n</connectionStrings>\n';
    assert.equal(validatorFault(text), undefined);
    assert.deepEqual(scanXml(text).errors, []);
  });
});
