// TextMatch: each part, combinations, and how failures read.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeTextMatch, hasTextMatch, matchText, pickTextMatch } from '../../../src/checks/text';
import { useBundle } from '../../../src/i18n';

useBundle('en', undefined);

describe('matchText', () => {
  test('contains: one needle or several, all required', () => {
    assert.equal(matchText('Welcome to nginx!', { contains: 'Welcome' }).pass, true);
    assert.equal(matchText('Welcome to nginx!', { contains: ['Welcome', 'nginx'] }).pass, true);
    const missing = matchText('Welcome to nginx!', { contains: ['Welcome', 'httpd', 'apache'] });
    assert.equal(missing.pass, false);
    assert.equal(missing.actual, 'missing "httpd", "apache" — got: Welcome to nginx!');
    assert.equal(missing.expected, 'contains "Welcome", "httpd", "apache"');
  });

  test('notContains names the unwanted text', () => {
    const result = matchText('error: disk full\n', { notContains: ['error', 'panic'] });
    assert.equal(result.pass, false);
    assert.equal(result.actual, 'contains "error" — got: error: disk full');
    assert.equal(result.expected, 'does not contain "error", "panic"');
  });

  test('matches is a multi-line JavaScript regex; an invalid one fails with a clear message', () => {
    assert.equal(matchText('line one\nCONTAINER ID   IMAGE\n', { matches: '^CONTAINER ID\\s+IMAGE$' }).pass, true);
    assert.equal(matchText('abc', { matches: '^b' }).actual, 'no match for /^b/ — got: abc');
    const invalid = matchText('abc', { matches: '(' });
    assert.equal(invalid.pass, false);
    assert.match(invalid.actual, /^invalid regular expression \/\(\//);
  });

  test('equals ignores trailing newlines and CRLF', () => {
    assert.equal(matchText('Hello\r\n', { equals: 'Hello' }).pass, true);
    assert.equal(matchText('a\r\nb\n\n', { equals: 'a\nb' }).pass, true);
    const differs = matchText('Hello world', { equals: 'Hello' });
    assert.equal(differs.pass, false);
    assert.equal(differs.actual, 'differs from the expected text — got: Hello world');
    assert.equal(differs.expected, 'equals "Hello"');
  });

  test('every unmet part is listed, in order', () => {
    const result = matchText('foo', { contains: 'bar', notContains: 'foo', matches: 'z' });
    assert.equal(result.actual, 'missing "bar"; contains "foo"; no match for /z/ — got: foo');
    assert.equal(result.expected, 'contains "bar"; does not contain "foo"; matches /z/');
  });

  test('passing shows a one-line excerpt of the text; empty text says so', () => {
    assert.equal(matchText('a\nb\n', { contains: 'a' }).actual, 'a ⏎ b');
    assert.equal(matchText('', { notContains: 'x' }).actual, '(empty)');
    const long = 'x'.repeat(500);
    assert.equal(matchText(long, { contains: 'x' }).actual.length, 160);
  });
});

describe('TextMatch helpers', () => {
  test('pickTextMatch takes only the TextMatch keys of a check object', () => {
    assert.deepEqual(pickTextMatch({ container: 'web', tail: 5, contains: 'x', matches: 'y' } as never), { contains: 'x', matches: 'y' });
    assert.deepEqual(pickTextMatch({ url: 'http://127.0.0.1/' } as never), {});
  });

  test('hasTextMatch', () => {
    assert.equal(hasTextMatch({}), false);
    assert.equal(hasTextMatch(undefined), false);
    assert.equal(hasTextMatch({ equals: '' }), true);
  });

  test('describeTextMatch shortens long expected texts', () => {
    assert.equal(describeTextMatch({ equals: 'a\nb' }), 'equals "a ⏎ b"');
    assert.match(describeTextMatch({ equals: 'y'.repeat(400) }), /…"$/);
  });
});
