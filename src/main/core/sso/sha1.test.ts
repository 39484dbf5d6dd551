import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha1HexOf } from './sha1';

const reference = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');

describe('sha1HexOf', () => {
  it('gives the FIPS 180 example digests', () => {
    expect(sha1HexOf('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha1HexOf('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(sha1HexOf('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
    );
  });

  it('equals node:crypto for every length around the block edges and for UTF-8 text', () => {
    for (let n = 0; n <= 200; n++) {
      const text = randomBytes(n).toString('base64').slice(0, n);
      expect(sha1HexOf(text), `length ${n}`).toBe(reference(text));
    }
    for (const text of [
      '{"accountId":"123456789012","roleName":"Admin","sessionName":"work"}',
      'https://d-1234567890.awsapps.com/start',
      'équipe-données',
      '会社の役割',
      '\u{1F511} key',
      'x'.repeat(100_000),
    ]) {
      expect(sha1HexOf(text), text.slice(0, 20)).toBe(reference(text));
    }
  });
});
