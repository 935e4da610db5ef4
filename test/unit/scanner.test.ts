import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/analysis/fixAll.js';
import { scanXml, type ScanResult } from '../../server/src/xml/scanner.js';
import { spanAfter, spanOf } from '../support/fixture.js';

/** Returns each error as [underlined text, start offset]. */
function errorsOf(text: string, result: ScanResult = scanXml(text)): [string, number][] {
  return result.errors.map((error) => [text.slice(error.span.start, error.span.end), error.span.start]);
}

function at(text: string, needle: string, occurrence = 0): [string, number] {
  return [needle, spanOf(text, needle, occurrence).start];
}

describe('scanXml offsets', () => {
  const text = '\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<connectionStrings>\r\n  <!-- <add name="old" /> -->\r\n  <add name="redis" connectionString=\'host=a;\r\n db=1\' />\r\n</connectionStrings>\r\n';
  const result = scanXml(text);

  it('finds elements after a BOM', () => {
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.elements.map((element) => element.name), ['connectionStrings', 'add']);
    const [section, add] = result.elements;
    assert.deepEqual(section.nameSpan, spanOf(text, 'connectionStrings'));
    assert.deepEqual(section.tagSpan, spanOf(text, '<connectionStrings>'));
    assert.deepEqual(add.nameSpan, spanAfter(text, '<add name="redis"', 'add'));
    assert.deepEqual(add.tagSpan, spanOf(text, '<add name="redis" connectionString=\'host=a;\r\n db=1\' />'));
  });

  it('links parents and children', () => {
    const [section, add] = result.elements;
    assert.deepEqual(result.roots, [section]);
    assert.deepEqual(section.children, [add]);
    assert.equal(add.parent, section);
    assert.equal(section.parent, undefined);
  });

  it('keeps raw attribute spans', () => {
    const [name, value] = result.elements[1].attributes;
    assert.equal(name.name, 'name');
    assert.equal(name.quote, '"');
    assert.deepEqual(name.nameSpan, spanAfter(text, '<add name="redis"', 'name'));
    assert.deepEqual(name.valueSpan, spanAfter(text, '<add name="redis"', 'redis'));
    assert.deepEqual(name.span, spanOf(text, 'name="redis"'));

    assert.equal(value.quote, "'");
    assert.equal(value.rawValue, 'host=a;\r\n db=1');
    assert.deepEqual(value.valueSpan, spanOf(text, 'host=a;\r\n db=1'));
    assert.deepEqual(value.span, spanOf(text, "connectionString='host=a;\r\n db=1'"));
  });

  it('skips comments, CDATA and processing instructions', () => {
    const other = '<a><!-- <b/> --><![CDATA[ <c/> ]]><?pi <d/> ?></a>';
    const scanned = scanXml(other);
    assert.deepEqual(scanned.errors, []);
    assert.deepEqual(scanned.elements.map((element) => element.name), ['a']);
  });

  it('records DOCTYPE entity names', () => {
    const other = '<!DOCTYPE a [ <!ENTITY pw "x"> <!ENTITY % param "y"> ]>\n<a b="&pw;" />';
    const scanned = scanXml(other);
    assert.deepEqual(scanned.errors, []);
    assert.deepEqual([...scanned.doctype!.entityNames], ['pw']);
    assert.deepEqual(scanned.doctype!.keywordSpan, spanOf(other, '<!DOCTYPE'));
  });
});

describe('scanXml names', () => {
  /** Returns each error as [underlined text, message]. */
  function messagesOf(text: string): [string, string][] {
    return scanXml(text).errors.map((error) => [text.slice(error.span.start, error.span.end), error.message]);
  }

  it('accepts non-ASCII letters, combining marks and characters beyond U+FFFF in names', () => {
    for (const name of ['Größe', 'é\u0301', 'a\u00B7b', 'x\u{10000}', '\u{10000}x', 'ä-1.b', '日本語']) {
      assert.deepEqual(messagesOf(`<a ${name}="1"><${name} /></a>`), [], name);
    }
  });

  it('marks the character that is not allowed in an attribute name', () => {
    const text = '<a con\u00F7nection="1" />';
    assert.deepEqual(messagesOf(text), [['\u00F7', "The character U+00F7 is not allowed in an XML attribute name, so .NET rejects the file. Remove it or rename the attribute."]]);
  });

  it('marks a combining mark at the start of an element name', () => {
    const text = '<a><\u0301b /></a>';
    assert.deepEqual(messagesOf(text), [['\u0301', "The character U+0301 is not allowed at the start of an XML element name, so .NET rejects the file. Remove it or rename the element."]]);
  });

  it('marks a whole surrogate pair beyond U+EFFFF, and a lone surrogate', () => {
    const beyond = '<a\u{F0000}b />';
    assert.deepEqual(messagesOf(beyond), [['\u{F0000}', "The character U+F0000 is not allowed in an XML element name, so .NET rejects the file. Remove it or rename the element."]]);
    const lone = '<a x\uD800y="1" />';
    assert.deepEqual(messagesOf(lone), [['\uD800', "The character U+D800 is not allowed in an XML attribute name, so .NET rejects the file. Remove it or rename the attribute."]]);
  });
});

describe('scanXml text, instructions and the root', () => {
  function messagesOf(text: string): [string, string][] {
    return scanXml(text).errors.map((error) => [text.slice(error.span.start, error.span.end), error.message]);
  }

  it('checks references in the text of a Web.config value', () => {
    const text = '<configuration><applicationSettings><value>5 &lt; 6 &amp; A &#169; B & C &nbsp;</value></applicationSettings></configuration>';
    assert.deepEqual(messagesOf(text), [
      ['&', "A bare '&' in the text of <value> is not valid XML, so .NET rejects the file. Write it as &amp;."],
      ['&nbsp;', "This entity reference names an entity that is not declared, so .NET rejects the file. If '&' is part of the value, write it as &amp;."],
    ]);
    const fixed = applyEdits(text, scanXml(text).errors[0].fixes[0].edits);
    assert.ok(fixed.includes('B &amp; C'));
  });

  it("marks ']]>' in text and escapes its '>'", () => {
    const text = '<configuration><value>a ]]> b</value></configuration>';
    const result = scanXml(text);
    assert.deepEqual(messagesOf(text), [[']]>', "']]>' is not allowed in text. Write the '>' as &gt;."]]);
    assert.equal(applyEdits(text, result.errors[0].fixes[0].edits), '<configuration><value>a ]]&gt; b</value></configuration>');
  });

  it('marks a processing instruction without a name', () => {
    for (const text of ['<?>?><a />', '<? x?><a />']) {
      assert.deepEqual(messagesOf(text), [['<?', "A processing instruction needs a name right after '<?', as in <?xml version=\"1.0\"?>. Remove it or add the name."]], text);
    }
    assert.deepEqual(messagesOf('<?xml-stylesheet href="a"?><a />'), []);
  });

  it('no root element: reported when nothing else is wrong', () => {
    const message = 'The file has no root element, so .NET rejects it. A ConnectionStrings.config contains one <connectionStrings> element with the entries.';
    assert.deepEqual(scanXml('\uFEFF<?xml version="1.0"?>\n<!-- <connectionStrings /> -->\n').errors.map((error) => [error.span, error.message]), [[{ start: 1, end: 1 }, message]]);
    assert.deepEqual(scanXml('').errors.map((error) => error.message), [message]);
    assert.deepEqual(scanXml('<!-- never closed <connectionStrings />').errors.map((error) => error.message), ["This comment is never closed. Add '-->' where it should end."]);
  });
});

describe('scanXml unquoted values', () => {
  it('right after a closing quote: quoting is offered, never safe', () => {
    const text = '<connectionStrings>\n  <add name="db connectionString="Server=10.0.0.4;User ID=app;" />\n</connectionStrings>';
    const error = scanXml(text).errors.find((e) => e.message.startsWith("The value of attribute 'Server' must be in quotes"));
    assert.ok(error, 'no error for the unquoted Server value');
    assert.deepEqual(error.fixes.map((fix) => [fix.title, fix.isPreferred, fix.safe]), [['Put the value in quotes', false, false]]);
  });

  it('after a space: quoting is the safe fix', () => {
    const text = '<connectionStrings>\n  <add name="redis" connectionString=host=a />\n</connectionStrings>';
    const [error] = scanXml(text).errors;
    assert.deepEqual(error.fixes.map((fix) => [fix.title, fix.isPreferred, fix.safe]), [['Put the value in quotes', true, true]]);
  });
});

describe('scanXml namespaces, declaration and placement', () => {
  function marked(text: string): string[] {
    return scanXml(text).errors.map((error) => text.slice(error.span.start, error.span.end));
  }

  it('undeclared xdt prefix: one error, declared on the root by a safe fix', () => {
    const text = '<connectionStrings>\n  <add name="redis" xdt:Transform="SetAttributes" xdt:Locator="Match(name)" />\n  <add name="db" xdt:Transform="Remove" />\n</connectionStrings>';
    const [error, ...others] = scanXml(text).errors;
    assert.deepEqual(others, []);
    assert.equal(text.slice(error.span.start, error.span.end), 'xdt:Transform');
    assert.equal(error.message, 'The prefix \'xdt\' is not declared, so .NET rejects the file ("\'xdt\' is an undeclared prefix"). Add xmlns:xdt="http://schemas.microsoft.com/XML-Document-Transform" to the root element.');
    const fixed = applyEdits(text, error.fixes[0].edits);
    assert.equal(fixed, text.replace('<connectionStrings>', '<connectionStrings xmlns:xdt="http://schemas.microsoft.com/XML-Document-Transform">'));
    assert.deepEqual(scanXml(fixed).errors, []);
  });

  it('prefixes: in scope or not', () => {
    assert.deepEqual(marked('<a xmlns:p="u"><p:b /><b p:x="1" /></a>'), []);
    assert.deepEqual(marked('<a><b xmlns:p="u" p:x="1" /><p:c /></a>'), ['p:c']);
    assert.deepEqual(marked('<a xml:lang="en" xmlns="u" />'), []);
    assert.deepEqual(marked('<a a:b:c="1" :d="1" e:="1" />'), ['a:b:c', ':d', 'e:']);
    assert.deepEqual(marked('<a xmlns:xdt="" />'), ['xmlns:xdt=""']);
  });

  it('the XML declaration: the three parts in order, version 1.0', () => {
    for (const declaration of ['<?xml version="1.0"?>', "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>"]) {
      assert.deepEqual(marked(`${declaration}\n<a />`), [], declaration);
    }
    for (const declaration of ['<?xml version="1.1"?>', '<?xml encoding="utf-8"?>', '<?xml encoding="utf-8" version="1.0"?>', '<?xml version="1.0" standalone="maybe"?>', '<?xml version="1.0" foo="bar"?>', '<?xml?>', '<?xml version="1.0" encoding="utf 8"?>', '<?xml version="1.0"encoding="utf-8"?>']) {
      const text = `${declaration}\n<a />`;
      const [error] = scanXml(text).errors;
      assert.equal(text.slice(error.span.start, error.span.end), declaration);
      assert.equal(applyEdits(text, error.fixes[0].edits), '<?xml version="1.0" encoding="utf-8"?>\n<a />');
    }
    assert.deepEqual(marked('<?XML version="1.0"?>\n<a />'), ['<?XML']);
  });

  it('a DOCTYPE after the root or twice, and CDATA outside the root: marked', () => {
    assert.deepEqual(marked('<a /><!DOCTYPE a>'), ['<!DOCTYPE']);
    assert.deepEqual(marked('<!DOCTYPE a><!DOCTYPE a><a />'), ['<!DOCTYPE']);
    assert.deepEqual(marked('<![CDATA[x]]><a />'), ['<![CDATA[']);
    assert.deepEqual(marked('<a /><![CDATA[x]]>'), ['<![CDATA[']);
    assert.deepEqual(marked('\uFEFF\uFEFF<a />'), ['\uFEFF']);
  });
});

describe('scanXml DOCTYPE grammar', () => {
  function faultsOf(text: string): [string, number][] {
    return errorsOf(text);
  }

  it('accepts identifiers, declarations of every kind, comments and parameter-entity references', () => {
    const text = [
      '<!DOCTYPE a SYSTEM "a.dtd" [',
      '  <!ENTITY pw "s3>cret">',
      "  <!ENTITY % p 'x'>",
      '  %p;',
      '  <!ENTITY logo SYSTEM "logo.png" NDATA png>',
      '  <!ENTITY pub PUBLIC "-//X//EN" "x.ent">',
      '  <!ELEMENT a (#PCDATA)>',
      '  <!ATTLIST a b CDATA "x>y">',
      '  <!NOTATION png SYSTEM "image/png">',
      '  <!-- a comment with ] and > -->',
      '  <?pi data?>',
      ']>',
      '<a b="&pw;" />',
    ].join('\n');
    const scanned = scanXml(text);
    assert.deepEqual(errorsOf(text, scanned), []);
    assert.deepEqual([...scanned.doctype!.entityNames], ['pw', 'logo', 'pub']);
    assert.deepEqual(scanned.elements.map((element) => element.name), ['a']);
  });

  it('marks text after the name that is neither an identifier nor a subset', () => {
    const text = '<!DOCTYPE a connectionString [ <!ENTITY pw "v"> ]>\n<a b="&pw;" />';
    const scanned = scanXml(text);
    assert.deepEqual(faultsOf(text), [at(text, 'connectionString')]);
    assert.match(scanned.errors[0].message, /^Unexpected text in the DOCTYPE: after the root element's name/);
    // The rest is skipped to the DOCTYPE's end; the element after it is still read, and its entity is known.
    assert.deepEqual(scanned.elements.map((element) => element.name), ['a']);
  });

  it('marks text inside the internal subset', () => {
    const text = '<!DOCTYPE a [\n  <!ENTITY pw "v">\n/connectionStrings>\n]>\n<a />';
    const scanned = scanXml(text);
    assert.deepEqual(faultsOf(text), [at(text, '/connectionStrings>')]);
    assert.match(scanned.errors[0].message, /^Unexpected text in the DOCTYPE's internal subset/);
    assert.deepEqual(scanned.elements.map((element) => element.name), ['a']);
  });

  it('marks an entity declaration with text after its value', () => {
    const text = '<!DOCTYPE a [ <!ENTITY pw "s3c" ret"> ]>\n<a />';
    const scanned = scanXml(text);
    assert.deepEqual(faultsOf(text), [at(text, 'ret">')]);
    assert.equal(scanned.errors[0].message, 'An entity declaration must read <!ENTITY name "value"> (or name a SYSTEM or PUBLIC identifier instead of the value).');
  });

  it('marks a DOCTYPE without a name, and one never closed', () => {
    const nameless = '<!DOCTYPE [ ]>\n<a />';
    assert.deepEqual(faultsOf(nameless), [at(nameless, '[')]);
    const unclosed = '<!DOCTYPE a [ <!ENTITY pw "v">';
    assert.deepEqual(faultsOf(unclosed), [at(unclosed, '<!DOCTYPE')]);
  });
});

describe('scanXml errors', () => {
  it('marks an unclosed add and keeps reading', () => {
    const text = '<connectionStrings>\n  <add name="redis" connectionString="host=a"\n  <add name="db" connectionString="x" />\n</connectionStrings>';
    const result = scanXml(text);
    assert.deepEqual(errorsOf(text, result), [at(text, '<add name="redis"')]);
    assert.deepEqual(result.elements.map((element) => element.attributes[0]?.rawValue), [undefined, 'redis', 'db']);
    assert.deepEqual(result.errors[0].related?.map((related) => related.span), [{ start: text.indexOf('<add name="db"'), end: text.indexOf('<add name="db"') + 1 }]);
    const repaired = applyEdits(text, result.errors[0].fixes[0].edits);
    assert.equal(repaired, text.replace('connectionString="host=a"', 'connectionString="host=a" />'));
    assert.deepEqual(scanXml(repaired).errors, []);
  });

  it('marks an unclosed root once', () => {
    const text = '<connectionStrings\n  <add name="db" connectionString="x" />\n</connectionStrings>';
    const result = scanXml(text);
    assert.deepEqual(errorsOf(text, result), [at(text, '<connectionStrings')]);
    assert.deepEqual(result.roots[0].children.map((child) => child.name), ['add']);
    assert.equal(applyEdits(text, result.errors[0].fixes[0].edits), text.replace('<connectionStrings', '<connectionStrings>'));
  });

  it('ends an unclosed quote before />', () => {
    const text = '<a>\n  <add name="redis" connectionString="host=a;db=1 />\n  <add name="db" connectionString="x" />\n</a>';
    const result = scanXml(text);
    assert.deepEqual(errorsOf(text, result), [at(text, 'connectionString')]);
    assert.deepEqual(result.elements.map((element) => element.attributes.map((attribute) => attribute.rawValue)), [[], ['redis', 'host=a;db=1'], ['db', 'x']]);
    assert.equal(applyEdits(text, result.errors[0].fixes[0].edits), text.replace('db=1 />', 'db=1" />'));
  });

  it('ends an unclosed quote at the line end', () => {
    const text = '<a>\n  <add name="redis" connectionString="host=a\n  <add name="db" connectionString="x" />\n</a>';
    const result = scanXml(text);
    assert.deepEqual(result.elements[1].attributes[1].rawValue, 'host=a');
    assert.deepEqual(result.elements[2].attributes.map((attribute) => attribute.rawValue), ['db', 'x']);
    assert.deepEqual(errorsOf(text, result).map(([marked]) => marked), ['connectionString', '<add name="redis"']);
  });

  it('keeps a value that wraps lines', () => {
    const text = '<a>\n  <add connectionString="host=a;\n    db=1" />\n</a>';
    const result = scanXml(text);
    assert.deepEqual(result.errors, []);
    assert.equal(result.elements[1].attributes[0].rawValue, 'host=a;\n    db=1');
  });

  it('quotes an unquoted value', () => {
    const text = '<add b=c d="e" />';
    const result = scanXml(text);
    assert.deepEqual(errorsOf(text, result), [at(text, 'c')]);
    assert.equal(applyEdits(text, result.errors[0].fixes[0].edits), '<add b="c" d="e" />');
  });

  it('keeps a bracketed placeholder whole', () => {
    const text = '<add name="p" connectionString=[Path to folder] />';
    const result = scanXml(text);
    assert.deepEqual(errorsOf(text, result), [at(text, '[Path to folder]')]);
    assert.equal(result.elements[0].attributes[1].rawValue, '[Path to folder]');
    assert.equal(applyEdits(text, result.errors[0].fixes[0].edits), '<add name="p" connectionString="[Path to folder]" />');
  });

  it('marks an attribute without value', () => {
    const text = '<add name= />';
    assert.deepEqual(errorsOf(text), [at(text, 'name')]);
  });

  it('replaces a broken unknown tag by one fragment error', () => {
    const text = '<connectionStrings>\n  <add name="a" connectionString="x" /> <Integrated Security=SSPI" />\n</connectionStrings>';
    const result = scanXml(text);
    assert.deepEqual(errorsOf(text, result), [at(text, '<Integrated Security=SSPI" />')]);
    assert.deepEqual(result.elements.map((element) => element.name), ['connectionStrings', 'add']);
    const repaired = applyEdits(text, result.errors[0].fixes[0].edits);
    assert.equal(repaired, '<connectionStrings>\n  <add name="a" connectionString="x" />\n</connectionStrings>');
  });

  it('marks a repeated attribute and keeps both', () => {
    const text = '<add connectionString="a" connectionString="b" />';
    const result = scanXml(text);
    assert.deepEqual(errorsOf(text, result), [at(text, 'connectionString=', 1)]);
    assert.deepEqual(result.elements[0].attributes.map((attribute) => attribute.rawValue), ['a', 'b']);
    assert.equal(result.elements[0].broken, true);
  });

  it('marks a bare & and an undeclared entity', () => {
    const text = '<add a="x&y" b="&z;" c="&amp;&#38;" />';
    assert.deepEqual(errorsOf(text), [at(text, '&y'), at(text, '&z;')]);
  });

  it('marks < inside a value', () => {
    const text = '<add a="x<y" />';
    const result = scanXml(text);
    assert.deepEqual(errorsOf(text, result), [at(text, '<', 1)]);
    assert.equal(applyEdits(text, result.errors[0].fixes[0].edits), '<add a="x&lt;y" />');
  });

  it('marks -- in a comment', () => {
    const text = '<a><!-- x -- y --></a>';
    assert.deepEqual(errorsOf(text), [at(text, '--', 1)]);
  });

  it('marks an unclosed comment', () => {
    const text = '<a>\n<!-- x\n</a>';
    assert.deepEqual(errorsOf(text), [at(text, '<!--'), at(text, 'a')]);
  });

  it('marks a mismatched end tag once', () => {
    const text = '<connectionStrings>\n  <remove name="a"></add>\n</connectionStrings>';
    const result = scanXml(text);
    assert.deepEqual(errorsOf(text, result), [at(text, '</add>')]);
    assert.equal(applyEdits(text, result.errors[0].fixes[0].edits), text.replace('</add>', '</remove>'));
  });

  it('marks a stray end tag', () => {
    const text = '<connectionStrings>\n  <add name="a" /></add>\n</connectionStrings>';
    const result = scanXml(text);
    assert.deepEqual(errorsOf(text, result), [at(text, '</add>')]);
    assert.deepEqual(result.errors[0].fixes, []);
  });

  it('marks an end tag without >', () => {
    const text = '<a></a';
    assert.deepEqual(errorsOf(text), [at(text, '</a')]);
  });

  it('marks text outside and inside configuration elements', () => {
    const text = 'junk\n<connectionStrings>text here</connectionStrings>\ntail';
    assert.deepEqual(errorsOf(text), [at(text, 'junk'), at(text, 'text'), at(text, 'tail')]);
  });

  it('allows text in other Web.config sections', () => {
    const text = '<configuration><applicationSettings><setting name="a"><value>text</value></setting></applicationSettings></configuration>';
    assert.deepEqual(errorsOf(text), []);
  });

  it('marks CDATA inside a configuration element', () => {
    const text = '<connectionStrings><![CDATA[ x ]]></connectionStrings>';
    assert.deepEqual(errorsOf(text), [at(text, '<![CDATA[')]);
  });

  it('marks a second root', () => {
    const text = '<a />\n<b />';
    assert.deepEqual(errorsOf(text), [at(text, 'b')]);
  });

  it('marks a bare <', () => {
    const text = '<a>< </a>';
    assert.deepEqual(errorsOf(text), [at(text, '<', 1)]);
  });

  it('never throws on broken input', () => {
    for (const text of ['', '<', '<<<', '</', '<a b="', '<a b=\'', '&', '<!DOCTYPE', '<![CDATA[', '<?', '<a', '<a b', '<a b=', '</a>', '<a/><!--', '\uFEFF']) {
      const result = scanXml(text);
      for (const error of result.errors) {
        assert.ok(error.span.start >= 0, JSON.stringify(text));
        assert.ok(error.span.start <= error.span.end, JSON.stringify(text));
        assert.ok(error.span.end <= text.length, JSON.stringify(text));
      }
    }
  });
});
