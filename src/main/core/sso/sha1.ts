// SHA-1 (FIPS 180-4) in plain JavaScript, for the names of the AWS cache files only: the AWS CLI
// names its SSO token and role-credential files after the SHA-1 of a key. node:crypto would do
// the same, but loading it (and the stream modules it pulls in) costs a cached
// `credential-process` about a sixth of Node's own start, and these names hash a few dozen bytes.
// Not for anything that needs a secure hash: SHA-1 is not one. Tested against node:crypto.

const K = [0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6];

/** The SHA-1 of `text` (as UTF-8), in lower-case hex. */
export function sha1HexOf(text: string): string {
  const message = Buffer.from(text, 'utf8');
  // the message, 0x80, zeros up to 56 bytes mod 64, then its length in bits (64-bit big-endian)
  const blocks = Math.ceil((message.length + 9) / 64);
  const padded = Buffer.alloc(blocks * 64);
  message.copy(padded);
  padded[message.length] = 0x80;
  const bits = message.length * 8;
  padded.writeUInt32BE(Math.floor(bits / 0x100000000), padded.length - 8);
  padded.writeUInt32BE(bits >>> 0, padded.length - 4);

  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Uint32Array(80);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let t = 0; t < 16; t++) w[t] = padded.readUInt32BE(offset + t * 4);
    for (let t = 16; t < 80; t++) {
      const x = (w[t - 3] ?? 0) ^ (w[t - 8] ?? 0) ^ (w[t - 14] ?? 0) ^ (w[t - 16] ?? 0);
      w[t] = (x << 1) | (x >>> 31);
    }
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let t = 0; t < 80; t++) {
      const round = (t / 20) | 0;
      const f =
        round === 0 ? (b & c) | (~b & d) : round === 2 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
      const next = (((a << 5) | (a >>> 27)) + f + e + (K[round] ?? 0) + (w[t] ?? 0)) >>> 0;
      e = d;
      d = c;
      c = ((b << 30) | (b >>> 2)) >>> 0;
      b = a;
      a = next;
    }
    h[0] = ((h[0] ?? 0) + a) >>> 0;
    h[1] = ((h[1] ?? 0) + b) >>> 0;
    h[2] = ((h[2] ?? 0) + c) >>> 0;
    h[3] = ((h[3] ?? 0) + d) >>> 0;
    h[4] = ((h[4] ?? 0) + e) >>> 0;
  }
  return h.map((x) => x.toString(16).padStart(8, '0')).join('');
}
