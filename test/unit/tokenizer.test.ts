import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Span } from '../../server/src/analysis/types.js';
import { tokenizeConnectionString, type ParsedConnectionString } from '../../server/src/redis/tokenizer.js';
import { DecodedValue } from '../../server/src/xml/entities.js';
import { spanAfter, spanOf } from '../support/fixture.js';

/** Tokenizes the value of the only connectionString attribute in `text`. */
function tokenize(text: string): ParsedConnectionString {
  const start = text.indexOf('connectionString="') + 'connectionString="'.length;
  const end = text.indexOf('"', start);
  return tokenizeConnectionString(DecodedValue.decode(text.slice(start, end), start));
}

function element(value: string): string {
  return `<add name="redis" connectionString="${value}" />`;
}

/** Returns the raw text under each span, for readable assertions. */
function under(text: string, spans: (Span | undefined)[]): (string | undefined)[] {
  return spans.map((span) => (span ? text.slice(span.start, span.end) : undefined));
}

describe('tokenizeConnectionString', () => {
  it('keeps raw spans of every part', () => {
    const text = element(' host = 10.0.0.5 ;port=6379');
    const [host, port] = tokenize(text).pairs;

    assert.equal(host.key, 'host');
    assert.equal(host.value, '10.0.0.5');
    assert.deepEqual(host.keySpan, spanOf(text, 'host'));
    assert.deepEqual(host.equalsSpan, spanAfter(text, 'host', '='));
    assert.deepEqual(host.valueSpan, spanOf(text, '10.0.0.5'));
    assert.deepEqual(host.span, spanOf(text, 'host = 10.0.0.5'));
    assert.deepEqual(host.segmentSpan, spanOf(text, ' host = 10.0.0.5 '));
    assert.deepEqual(host.separatorSpan, spanOf(text, ';'));

    assert.deepEqual(port.span, spanOf(text, 'port=6379'));
    assert.deepEqual(port.segmentSpan, spanOf(text, 'port=6379'));
    assert.equal(port.separatorSpan, undefined);
  });

  it('skips empty segments', () => {
    const text = element(';;host=a; ;db=1;  ');
    const parsed = tokenize(text);
    assert.deepEqual(parsed.pairs.map((pair) => pair.key), ['host', 'db']);
    assert.deepEqual(parsed.malformed, []);
    assert.deepEqual(parsed.pairs[1].separatorSpan, spanAfter(text, 'db=1', ';'));
  });

  it('reads everything after the first = as the value', () => {
    const text = element('password=a=b==;db=1');
    const [password] = tokenize(text).pairs;
    assert.equal(password.value, 'a=b==');
    assert.deepEqual(password.valueSpan, spanOf(text, 'a=b=='));
    assert.deepEqual(password.equalsSpan, spanAfter(text, 'password', '='));
  });

  it('places an empty value right after =', () => {
    const text = element('host=  ;db=');
    const [host, db] = tokenize(text).pairs;
    const hostEquals = spanAfter(text, 'host', '=');
    assert.deepEqual(host.valueSpan, { start: hostEquals.end, end: hostEquals.end });
    assert.deepEqual(host.span, spanOf(text, 'host='));
    assert.deepEqual(db.span, spanOf(text, 'db='));
  });

  it('splits at a comma before a known key', () => {
    const text = element('host=a, port=6379,db=1');
    const parsed = tokenize(text);
    assert.deepEqual(parsed.pairs.map((pair) => [pair.key, pair.value]), [['host', 'a'], ['port', '6379'], ['db', '1']]);
    assert.deepEqual(under(text, parsed.commaSeparators), [',', ',']);
    assert.deepEqual(parsed.commaSeparators, [spanAfter(text, 'host=a', ','), spanAfter(text, '6379', ',')]);
    assert.deepEqual(parsed.pairs[0].separatorSpan, spanAfter(text, 'host=a', ','));
  });

  it('keeps commas inside host lists and unknown text', () => {
    const text = element('clusterHosts=a:1, b:2;password=x,y=z');
    const parsed = tokenize(text);
    assert.deepEqual(parsed.pairs.map((pair) => [pair.key, pair.value]), [['clusterHosts', 'a:1, b:2'], ['password', 'x,y=z']]);
    assert.deepEqual(parsed.commaSeparators, []);
  });

  it('splits at a comma before a foreign key', () => {
    const text = element('host=a,ssl=true');
    const parsed = tokenize(text);
    assert.deepEqual(parsed.pairs.map((pair) => pair.key), ['host', 'ssl']);
    assert.deepEqual(parsed.commaSeparators, [spanOf(text, ',')]);
  });

  it('reports segments without = or key', () => {
    const text = element('localhost;host=a; =7;password=ab;cd');
    const parsed = tokenize(text);
    assert.deepEqual(parsed.malformed.map((segment) => [segment.text, segment.hasEquals, segment.previous?.key]), [
      ['localhost', false, undefined],
      ['=7', true, 'host'],
      ['cd', false, 'password'],
    ]);
    assert.deepEqual(parsed.malformed.map((segment) => segment.span), [spanOf(text, 'localhost'), spanOf(text, '=7'), spanOf(text, 'cd')]);
  });

  it('maps spans through entities', () => {
    const text = element('password=a&amp;b&#59;c;db=1');
    const parsed = tokenize(text);
    assert.deepEqual(parsed.pairs.map((pair) => [pair.key, pair.value]), [['password', 'a&b'], ['db', '1']]);
    assert.deepEqual(parsed.pairs[0].valueSpan, spanOf(text, 'a&amp;b'));
    assert.deepEqual(parsed.pairs[0].separatorSpan, spanOf(text, '&#59;'));
    assert.deepEqual(parsed.malformed.map((segment) => segment.span), [spanAfter(text, '&#59;', 'c')]);
    assert.deepEqual(parsed.pairs[0].valueToRaw(1, 2), spanOf(text, '&amp;'));
  });

  it('maps spans across CRLF', () => {
    const text = element('host=a;\r\n   port=\r\n 6379;\r\n');
    const [host, port] = tokenize(text).pairs;
    assert.deepEqual(host.separatorSpan, spanOf(text, ';'));
    assert.deepEqual(port.keySpan, spanOf(text, 'port'));
    assert.deepEqual(port.valueSpan, spanOf(text, '6379'));
    assert.deepEqual(port.span, spanOf(text, 'port=\r\n 6379'));
  });

  it('returns nothing for an empty value', () => {
    assert.deepEqual(tokenize(element('')), { pairs: [], malformed: [], commaSeparators: [] });
    assert.deepEqual(tokenize(element('  ;  ')), { pairs: [], malformed: [], commaSeparators: [] });
  });
});
