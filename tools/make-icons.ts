// Draws the app's icons (tray icons per state, the macOS template image, the app icon) and
// writes them as PNGs into assets/. Run: npx tsx tools/make-icons.ts. The outputs are committed;
// this script exists so they can be regenerated and reviewed, with no image tools needed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

type RGBA = [number, number, number, number];
/** Coverage-based shape: returns 0..1 for a point in unit coordinates (0..1 both axes). */
type Shape = (x: number, y: number) => RGBA | null;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** Minimal PNG encoder: 8-bit RGBA, no interlace, filter 0 on every row. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(
      raw,
      y * (width * 4 + 1) + 1,
    );
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Renders `shape` with 4×4 supersampling for smooth edges at 16 px. */
function render(size: number, shape: Shape): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const ss = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = shape((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          if (c === null) continue;
          const alpha = c[3] / 255;
          r += c[0] * alpha;
          g += c[1] * alpha;
          b += c[2] * alpha;
          a += alpha;
        }
      }
      const i = (py * size + px) * 4;
      const n = ss * ss;
      out[i] = a > 0 ? Math.round(r / a) : 0;
      out[i + 1] = a > 0 ? Math.round(g / a) : 0;
      out[i + 2] = a > 0 ? Math.round(b / a) : 0;
      out[i + 3] = Math.round((a / n) * 255);
    }
  }
  return out;
}

/** A padlock: shackle (ring arc) over a body with a keyhole. Unit coordinates. */
function padlock(color: RGBA, keyhole: RGBA | null): Shape {
  return (x, y) => {
    const bodyTop = 0.45;
    const inBody = x >= 0.16 && x <= 0.84 && y >= bodyTop && y <= 0.94;
    // rounded body corners
    const corner = 0.08;
    const cx = Math.min(Math.max(x, 0.16 + corner), 0.84 - corner);
    const cy = Math.min(Math.max(y, bodyTop + corner), 0.94 - corner);
    const roundOk = Math.hypot(x - cx, y - cy) <= corner;
    if (inBody && roundOk) {
      const hole =
        Math.hypot(x - 0.5, y - 0.63) <= 0.075 ||
        (Math.abs(x - 0.5) <= 0.035 && y >= 0.63 && y <= 0.8);
      if (hole) return keyhole;
      return color;
    }
    // shackle: half ring above the body
    const d = Math.hypot(x - 0.5, y - 0.42);
    if (y <= bodyTop + 0.01 && d >= 0.17 && d <= 0.28) return color;
    if (y > 0.42 && y <= bodyTop + 0.01 && ((x >= 0.22 && x <= 0.33) || (x >= 0.67 && x <= 0.78)))
      return color;
    return null;
  };
}

const COLOURS: Record<string, RGBA> = {
  'signed-out': [128, 128, 128, 255],
  ok: [46, 160, 67, 255],
  expiring: [230, 160, 0, 255],
  expired: [218, 54, 51, 255],
};

function appIcon(): Shape {
  const lock = padlock([255, 255, 255, 255], null);
  return (x, y) => {
    // Rounded square background, AWS-ish orange to deep blue gradient.
    const r = 0.2;
    const m = 0.06;
    const cx = Math.min(Math.max(x, m + r), 1 - m - r);
    const cy = Math.min(Math.max(y, m + r), 1 - m - r);
    if (Math.hypot(x - cx, y - cy) > r) return null;
    const sx = (x - 0.2) / 0.6;
    const sy = (y - 0.15) / 0.65;
    const onLock = sx >= 0 && sx <= 1 && sy >= 0 && sy <= 1 ? lock(sx, sy) : null;
    if (onLock !== null) return onLock;
    const t = y;
    const mix = (a: number, b: number) => Math.round(a * (1 - t) + b * t);
    return [mix(255, 35), mix(153, 47), mix(0, 62), 255];
  };
}

function main(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
  mkdirSync(root, { recursive: true });
  const write = (name: string, size: number, shape: Shape) =>
    writeFileSync(join(root, name), encodePng(size, size, render(size, shape)));
  // macOS template: black + alpha only; the system tints it for light and dark menu bars.
  write('trayTemplate.png', 16, padlock([0, 0, 0, 255], null));
  write('trayTemplate@2x.png', 32, padlock([0, 0, 0, 255], null));
  for (const [state, colour] of Object.entries(COLOURS)) {
    write(`tray-${state}.png`, 16, padlock(colour, null));
    write(`tray-${state}@2x.png`, 32, padlock(colour, null));
  }
  write('icon.png', 512, appIcon());
  console.log(`icons written to ${root}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
