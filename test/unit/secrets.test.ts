import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { maskSecrets, maskTrace } from '../../server/src/model/secrets.js';

describe('maskSecrets', () => {
  it('masks password pairs in a connection string', () => {
    assert.equal(maskSecrets('host=a;password=s3cret;certificatePassword=p&amp;w;db=1'), 'host=a;password=••••;certificatePassword=••••;db=1');
  });

  it('masks values inside JSON-escaped document text', () => {
    assert.equal(maskSecrets('{"text":"<add connectionString=\\"host=a;Password = s3cret\\" />"}'), '{"text":"<add connectionString=\\"host=a;Password = ••••\\" />"}');
  });

  it('masks the password of a redis URI', () => {
    assert.equal(maskSecrets('rediss://default:s3cret@cache:6380/0'), 'rediss://default:••••@cache:6380/0');
  });

  it("masks a URI password with an unencoded '/'", () => {
    assert.equal(maskSecrets('redis://:pa/ss@cache:6379'), 'redis://:••••@cache:6379');
  });

  it('masks the RedisCertPass app setting', () => {
    assert.equal(maskSecrets('<add key="RedisCertPass" value="s3cret" />'), '<add key="RedisCertPass" value="••••" />');
  });

  it('leaves text without secrets alone', () => {
    assert.equal(maskSecrets('host=a;port=6379;useTls=true'), 'host=a;port=6379;useTls=true');
  });
});

describe('maskSecrets on values with spaces and separators', () => {
  it('masks the whole value up to the next semicolon', () => {
    assert.equal(maskSecrets('password=My Secret Phrase;db=1'), 'password=••••;db=1');
    assert.equal(maskSecrets('password=ab,cdSecret;db=1'), 'password=••••;db=1');
    assert.equal(maskSecrets('password=ab\\cdSecret'), 'password=••••');
  });

  it('masks a password glued to another value', () => {
    assert.equal(maskSecrets("'port=6380 password=LeakSecret6' is invalid"), "'port=6380 password=••••' is invalid");
  });
});

describe('maskTrace', () => {
  it('hides document text and edit text', () => {
    assert.equal(maskTrace('Params: {"contentChanges":[{"range":{},"text":"Zq9SecretPw"}]}'), 'Params: {"contentChanges":[{"range":{},"text":"••••"}]}');
    assert.equal(maskTrace('{"newText":"host=a;password=p\\"w"}'), '{"newText":"••••"}');
  });
});
