import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkAttributeEntities, DecodedValue, OPAQUE_CHARACTER } from '../../server/src/xml/entities.js';
import { scanXml, type XmlAttribute } from '../../server/src/xml/scanner.js';
import { spanOf } from '../support/fixture.js';

/** Decodes `raw` as if it started at offset 100 of a document. */
function decode(raw: string): DecodedValue {
  return DecodedValue.decode(raw, 100);
}

/** Raw offsets of every decoded character, plus the end. */
function rawOffsets(value: DecodedValue): number[] {
  return Array.from({ length: value.text.length + 1 }, (_, i) => value.toRaw(i));
}

function attributeOf(text: string): XmlAttribute {
  const attribute = scanXml(text).elements[0]?.attributes[0];
  assert.ok(attribute, 'the fixture has no attribute');
  return attribute;
}

describe('DecodedValue', () => {
  it('shifts plain text', () => {
    const value = decode('host=a;db=1');
    assert.equal(value.text, 'host=a;db=1');
    assert.equal(value.toRaw(0), 100);
    assert.equal(value.toRaw(11), 111);
    assert.deepEqual(value.spanToRaw(5, 6), { start: 105, end: 106 });
  });

  it('maps predefined entities', () => {
    const value = decode('a&amp;b&lt;&gt;&quot;&apos;c');
    assert.equal(value.text, 'a&b<>"\'c');
    assert.deepEqual(rawOffsets(value), [100, 101, 106, 107, 111, 115, 121, 127, 128]);
    assert.deepEqual(value.spanToRaw(1, 2), { start: 101, end: 106 });
  });

  it('decodes character references', () => {
    const value = decode('a&#59;b&#x3B;c');
    assert.equal(value.text, 'a;b;c');
    assert.deepEqual(rawOffsets(value), [100, 101, 106, 107, 113, 114]);
  });

  it('keeps other entities opaque', () => {
    const value = decode('p=&pw;;x&#x1F600;');
    assert.equal(value.text, `p=${OPAQUE_CHARACTER};x${OPAQUE_CHARACTER}`);
    assert.deepEqual(value.spanToRaw(2, 3), { start: 102, end: 106 });
    assert.deepEqual(value.spanToRaw(5, 6), { start: 108, end: 117 });
  });

  it('keeps a bare & as it is', () => {
    const value = decode('a&b');
    assert.equal(value.text, 'a&b');
    assert.deepEqual(rawOffsets(value), [100, 101, 102, 103]);
  });

  it('turns CRLF into one space', () => {
    const value = decode('a;\r\n  b');
    assert.equal(value.text, 'a;   b');
    assert.deepEqual(rawOffsets(value), [100, 101, 102, 104, 105, 106, 107]);
  });

  it('turns LF, CR and tab into spaces', () => {
    const value = decode('a\nb\rc\td');
    assert.equal(value.text, 'a b c d');
    assert.deepEqual(rawOffsets(value), [100, 101, 102, 103, 104, 105, 106, 107]);
  });

  it('clamps offsets past the end', () => {
    const value = decode('a&amp;b');
    assert.equal(value.toRaw(99), 107);
    assert.equal(value.toRaw(-5), 100);
  });
});

describe('checkAttributeEntities', () => {
  it('accepts predefined and numeric references', () => {
    const text = '<add connectionString="a&amp;b&#59;&#x3B;&lt;" />';
    assert.deepEqual(checkAttributeEntities(text, attributeOf(text), undefined), []);
  });

  it('marks a bare & with the name after it', () => {
    const text = '<add connectionString="password=s3&c-ret/x;db=1" />';
    const [fault, ...rest] = checkAttributeEntities(text, attributeOf(text), undefined);
    assert.deepEqual(rest, []);
    assert.deepEqual(fault.span, spanOf(text, '&c-ret'));
    const amp = text.indexOf('&');
    assert.deepEqual(fault.fixes, [{ title: 'Escape & as &amp;', edits: [{ start: amp, end: amp + 1, newText: '&amp;' }], isPreferred: true, safe: true }]);
  });

  it('marks a lone & at the value end', () => {
    const text = '<add connectionString="a&" />';
    const faults = checkAttributeEntities(text, attributeOf(text), undefined);
    assert.deepEqual(faults.map((fault) => fault.span), [spanOf(text, '&')]);
  });

  it('marks an undeclared entity', () => {
    const text = '<add connectionString="password=&pw;" />';
    const faults = checkAttributeEntities(text, attributeOf(text), undefined);
    assert.deepEqual(faults.map((fault) => fault.span), [spanOf(text, '&pw;')]);
    assert.equal(faults[0].fixes[0].isPreferred, false);
    assert.equal(faults[0].fixes[0].safe, false);
    assert.doesNotMatch(faults[0].message, /pw/);
  });

  it('accepts a declared entity', () => {
    const text = '<add connectionString="password=&pw;" />';
    assert.deepEqual(checkAttributeEntities(text, attributeOf(text), new Set(['pw'])), []);
  });

  it('marks every fault in one value', () => {
    const text = '<add connectionString="a&b;c&d" />';
    const faults = checkAttributeEntities(text, attributeOf(text), undefined);
    assert.deepEqual(faults.map((fault) => fault.span), [spanOf(text, '&b;'), spanOf(text, '&d')]);
  });
});

describe('references by XML 1.0', () => {
  function faultsOf(text: string): [string, string][] {
    return scanXml(text).errors.map((error) => [text.slice(error.span.start, error.span.end), error.message]);
  }

  it('character references to characters XML forbids: marked in values and text', () => {
    const message = 'This character reference names a character that XML does not allow, so .NET rejects the file. Remove it.';
    const text = '<a b="&#0;&#x9;&#65;&#xFFFE;&#xD800;&#x110000;&#99999999999999999999;">&#1;&#x10FFFF;</a>';
    assert.deepEqual(faultsOf(text), [
      ['&#0;', message],
      ['&#xFFFE;', message],
      ['&#xD800;', message],
      ['&#x110000;', message],
      ['&#99999999999999999999;', message],
      ['&#1;', message],
    ]);
    const fix = scanXml(text).errors[0].fixes[0];
    assert.deepEqual(fix, { title: 'Remove the character reference', edits: [{ start: 6, end: 10, newText: '' }], safe: false });
  });

  it('entity names outside ASCII and of any length: declared ones pass', () => {
    const long = 'e'.repeat(80);
    const text = `<!DOCTYPE a [<!ENTITY é "x"><!ENTITY ${long} "y">]><a b="&é;&${long};" />`;
    assert.deepEqual(faultsOf(text), []);
    assert.equal(DecodedValue.decode(`&é;&${long};`, 0).text, OPAQUE_CHARACTER.repeat(2));
  });

  it('&constructor;: an undeclared entity, never a property of Object', () => {
    assert.equal(DecodedValue.decode('a&constructor;b&toString;', 0).text, `a${OPAQUE_CHARACTER}b${OPAQUE_CHARACTER}`);
    assert.deepEqual(faultsOf('<a b="&constructor;" />').map(([marked]) => marked), ['&constructor;']);
  });

  it('a million ampersands: at most 5,000 faults', () => {
    const text = `<a b="${'&'.repeat(1_000_000)}" />`;
    assert.equal(scanXml(text).errors.length, 5000);
  });
});
