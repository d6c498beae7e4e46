#!/usr/bin/env node
// Draws the 128×128 marketplace icon (extension/media/icon.png) with plain Node: a cascade of three bars narrowing
// into a cluster dot on a dark blue tile, encoded as an RGBA PNG with zlib. Deterministic output.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'media', 'icon.png');

const background = [31, 59, 87, 255];
const colours = [
  [118, 185, 237, 255],
  [86, 156, 214, 255],
  [55, 124, 190, 255],
];
const accent = [255, 196, 0, 255];

function pixel(x, y) {
  const r = 20;
  const inset = (cx, cy) => Math.hypot(cx, cy) > r;
  // Rounded tile corners are transparent.
  if (x < r && y < r && inset(r - x, r - y)) return [0, 0, 0, 0];
  if (x >= SIZE - r && y < r && inset(x - (SIZE - r - 1), r - y)) return [0, 0, 0, 0];
  if (x < r && y >= SIZE - r && inset(r - x, y - (SIZE - r - 1))) return [0, 0, 0, 0];
  if (x >= SIZE - r && y >= SIZE - r && inset(x - (SIZE - r - 1), y - (SIZE - r - 1))) return [0, 0, 0, 0];
  const bars = [
    [24, 104, 22],
    [36, 92, 48],
    [48, 80, 74],
  ];
  for (let i = 0; i < bars.length; i++) {
    const [x0, x1, y0] = bars[i];
    if (x >= x0 && x < x1 && y >= y0 && y < y0 + 16) return colours[i];
  }
  if (Math.hypot(x - 64, y - 106) <= 10) return accent;
  return background;
}

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) Buffer.from(pixel(x, y)).copy(raw, y * (SIZE * 4 + 1) + 1 + x * 4);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`icon written: ${out} (${png.length} bytes)`);
