import { describe, expect, it } from 'vitest';
import { isSsoTrayError } from '../errors';
import { CREDS } from './ini-test-files';
import { removeSection, upsertSection } from './ini-edit';
import { normaliseHeader, parseIni, readSection } from './ini-parse';

describe('parseIni', () => {
  it('reads what botocore reads: headers, both delimiters, lower-cased keys, trimmed values', () => {
    const text =
      '\ufeff# c\r\n[ default ]\r\nAWS_Access_Key_ID = A \r\nregion: eu-west-1\r\n' +
      '  ; indented comment\r\n[profile   dev]  \r\nsso_session=emu\r\nnot a key line\r\n';
    expect(parseIni(text)).toEqual([
      { header: 'default', values: { aws_access_key_id: 'A', region: 'eu-west-1' } },
      { header: 'profile dev', values: { sso_session: 'emu' } },
    ]);
  });

  it('keeps inline # and ; in values (botocore has no inline comments)', () => {
    expect(parseIni('[a]\nk = v # not a comment ; still value\n')[0]?.values).toEqual({
      k: 'v # not a comment ; still value',
    });
  });

  it('reads nested keys as continuation lines, the value starting with a newline', () => {
    const text =
      '[profile x]\ns3 =\n  max_concurrent_requests = 20\n  [not a header]\nregion = us\n';
    expect(parseIni(text)).toEqual([
      {
        header: 'profile x',
        values: { s3: '\nmax_concurrent_requests = 20\n[not a header]', region: 'us' },
      },
    ]);
  });

  it('keeps blank lines inside a multi-line value, as configparser does', () => {
    expect(parseIni('[a]\nk = 1\n\n  more\n\nn = 2\n')[0]?.values).toEqual({
      k: '1\n\nmore',
      n: '2',
    });
  });

  it('ignores keys before any section and lets the last duplicate key win', () => {
    expect(parseIni('k = 1\n[a]\nk = 1\nk = 2\n')).toEqual([{ header: 'a', values: { k: '2' } }]);
  });

  it('returns duplicate sections separately; readSection merges them like the tools do', () => {
    const text = '[a]\nx = 1\ny = 1\n[b]\n[a]\ny = 2\n';
    expect(parseIni(text).map((s) => s.header)).toEqual(['a', 'b', 'a']);
    expect(readSection(text, ' a ')).toEqual({ x: '1', y: '2' });
    expect(readSection(text, 'c')).toBeUndefined();
  });

  it('never throws on odd input', () => {
    for (const t of ['', '\ufeff', '[', '[]', ']', '=', '\r', '\r\r\n\n', '[a]\n=\n:x\n\u0000']) {
      expect(() => parseIni(t)).not.toThrow();
    }
  });

  it('normalises headers', () => {
    expect(normaliseHeader('  profile \t  dev ')).toBe('profile dev');
  });
});

describe('upsertSection', () => {
  it('replaces keys in place keeping their spacing, adds new ones after the last key (CRLF)', () => {
    const text =
      '# mine\r\n[default]\r\naws_access_key_id = AKIA\r\n\r\n[x]\r\n' +
      'AWS_ACCESS_KEY_ID =  old\r\naws_security_token=stale\r\nfoo: bar\r\n; trailing\r\n\r\n[y]\r\na=1';
    const out = upsertSection(text, 'x', CREDS, {
      style: 'compact',
      removeKeys: ['aws_security_token'],
    });
    expect(out).toBe(
      '# mine\r\n[default]\r\naws_access_key_id = AKIA\r\n\r\n[x]\r\n' +
        'AWS_ACCESS_KEY_ID =  ASIANEW\r\nfoo: bar\r\n' +
        'aws_secret_access_key=secret/NEW+\r\naws_session_token=token==\r\n' +
        '; trailing\r\n\r\n[y]\r\na=1',
    );
  });

  it('appends a new section with exactly one blank line before it', () => {
    expect(upsertSection('[a]\nk=1', 'b', [['x', '1']], { style: 'compact' })).toBe(
      '[a]\nk=1\n\n[b]\nx=1\n',
    );
    expect(upsertSection('[a]\nk=1\n', 'b', [['x', '1']])).toBe('[a]\nk=1\n\n[b]\nx = 1\n');
    expect(upsertSection('[a]\nk=1\n\n', 'b', [['x', '1']])).toBe('[a]\nk=1\n\n[b]\nx = 1\n');
    expect(upsertSection('', 'b', [['x', '1']])).toBe('[b]\nx = 1\n');
    expect(upsertSection('\ufeff', 'b', [['x', '1']])).toBe('\ufeff[b]\nx = 1\n');
    expect(upsertSection('[a]\r\nk=1', 'b', [['x', '1']])).toBe(
      '[a]\r\nk=1\r\n\r\n[b]\r\nx = 1\r\n',
    );
  });

  it('adds keys right after a header without keys, even at the end of the file', () => {
    expect(upsertSection('[a]', 'a', [['x', '1']])).toBe('[a]\nx = 1\n');
    expect(upsertSection('[a]\n# c\n[b]\n', 'a', [['x', '1']])).toBe('[a]\nx = 1\n# c\n[b]\n');
  });

  it('sets the first of duplicate sections and removes the same keys from later ones', () => {
    const text = '[a]\nx = 1\n[b]\nx = 9\n[a]\nx = 2\ny = 2\n';
    const out = upsertSection(text, 'a', [['x', '3']]);
    expect(out).toBe('[a]\nx = 3\n[b]\nx = 9\n[a]\ny = 2\n');
    expect(readSection(out, 'a')).toEqual({ x: '3', y: '2' });
  });

  it('drops duplicate key lines and the continuation lines of a replaced key', () => {
    const text = '[a]\nx =\n  nested = 1\nx = 2\nz = 3\n';
    expect(upsertSection(text, 'a', [['x', 'v']])).toBe('[a]\nx = v\nz = 3\n');
  });

  it('indents new keys like the keys around them so nothing turns into a continuation', () => {
    const text = '[a]\n    x = 1\n  junk\n';
    const out = upsertSection(text, 'a', [['y', '2']]);
    expect(out).toBe('[a]\n    x = 1\n    y = 2\n  junk\n');
    expect(readSection(out, 'a')).toEqual({ x: '1', y: '2' });
  });

  it('rejects line breaks and brackets that would corrupt the file', () => {
    expect(() => upsertSection('', 'a', [['k', 'v\n[evil]']])).toThrow(/line break/);
    expect(() => upsertSection('', 'a]', [['k', 'v']])).toThrow(/section name/);
    expect(() => upsertSection('', 'a', [['k=1', 'v']])).toThrow(/key/);
  });

  // A value with U+2028 or a name with NUL used to be written; the file could then no longer be
  // read (U+2028 breaks the line for the parser, NUL makes the file binary) and every later edit
  // was refused.
  const BAD = [
    '\u0000',
    '\u0001',
    '\t',
    '\u001f',
    '\u007f',
    '\u0085',
    '\u009f',
    '\u2028',
    '\u2029',
  ];
  const refusal = (f: () => unknown): Error => {
    try {
      f();
    } catch (e) {
      expect(isSsoTrayError(e, 'INVALID_INPUT')).toBe(true);
      return e as Error;
    }
    throw new Error('not refused');
  };

  it('refuses control characters, NEL and U+2028/U+2029 in values, naming the key, never the value', () => {
    const text = '# mine\n[a]\nk = 1\n';
    for (const ch of BAD) {
      const secret = `wJalrXUtnFEMI${ch}K7MDENG`;
      for (const at of [secret, `${ch}${secret}`, `${secret}${ch}`]) {
        const e = refusal(() => upsertSection(text, 'a', [['aws_secret_access_key', at]]));
        expect(e.message).toContain('aws_secret_access_key');
        expect(e.message).toContain('[a]');
        expect(e.message).not.toContain('wJalr');
      }
    }
    const e = refusal(() =>
      upsertSection(text, 'sso-session x', [
        ['sso_start_url', 'https://x.awsapps.com/start\u2028'],
      ]),
    );
    expect(e.message).toMatch(
      /^The value of sso_start_url for \[sso-session x\] contains a line separator \(U\+2028\)/,
    );
  });

  it('refuses them in section names and keys, and removeSection refuses them in names too', () => {
    for (const ch of BAD) {
      const header = `sso-session a${ch}b`;
      const e = refusal(() => upsertSection('', header, [['sso_region', 'us-east-1']]));
      expect(e.message).toContain('[sso-session a?b]');
      refusal(() => upsertSection('', 'a', [[`k${ch}x`, 'v']]));
      refusal(() => removeSection('[a]\nk = 1\n', `a${ch}`));
    }
    expect(refusal(() => upsertSection('', 'x\u0000', [['k', 'v']])).message).toMatch(
      /contains a NUL character \(U\+0000\)/,
    );
  });

  it('accepts other Unicode in names and values', () => {
    const out = upsertSection('', 'profile café-✓', [['note', 'Ünïcödé 日本語 😀']]);
    expect(readSection(out, 'profile café-✓')).toEqual({ note: 'Ünïcödé 日本語 😀' });
  });
});

describe('removeSection', () => {
  it('removes every matching section, keeping comments that lead into the next one', () => {
    const text = '[a]\nk=1\n\n[x]\nk=2\n\n# about b\n[b]\nk=3\n[x]\nk=4\n';
    expect(removeSection(text, 'x')).toBe('[a]\nk=1\n\n# about b\n[b]\nk=3\n');
  });

  it('leaves the text alone when the section is absent', () => {
    const text = '[a]\r\nk=1';
    expect(removeSection(text, 'x')).toBe(text);
  });

  it('keeps a BOM that sat on the removed header line', () => {
    expect(removeSection('\ufeff[x]\nk=1\n[a]\n', 'x')).toBe('\ufeff[a]\n');
  });

  it('round-trips with upsert: append then remove leaves a file that re-appends the same way', () => {
    const base = '[a]\nk=1\n';
    const added = upsertSection(base, 'x', CREDS, { style: 'compact' });
    const removed = removeSection(added, 'x');
    expect(removed).toBe('[a]\nk=1\n\n');
    expect(upsertSection(removed, 'x', CREDS, { style: 'compact' })).toBe(added);
  });
});
