/**
 * Draws public/favicon.ico from the shapes of public/favicon.svg (the rounded square and the Z), for
 * browsers and tools that ask for /favicon.ico without reading the page. No image library: the two shapes
 * are sampled 4 × 4 times per pixel and written as PNG images inside an ICO file (16, 32 and 48 px).
 *
 *   npx tsx scripts/favicon-ico.ts
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import zlib from 'node:zlib'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
// In the SVG's 32 × 32 units: the square (corner radius 6) in sea blue, the Z in white.
const sea = [0x0a, 0x4d, 0x68] as const
const zed: [number, number][] = [
  [8, 9],
  [24, 9],
  [24, 12],
  [13, 21],
  [24, 21],
  [24, 24],
  [8, 24],
  [8, 21],
  [19, 12],
  [8, 12],
]

function insideSquare(x: number, y: number): boolean {
  const r = 6
  const cx = Math.min(Math.max(x, r), 32 - r)
  const cy = Math.min(Math.max(y, r), 32 - r)
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
}

function insideZed(x: number, y: number): boolean {
  let inside = false
  for (let i = 0, j = zed.length - 1; i < zed.length; j = i++) {
    const [xi, yi] = zed[i]!
    const [xj, yj] = zed[j]!
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** RGBA rows of the icon at `size` px. */
function draw(size: number): Buffer {
  const samples = 4
  const pixels = Buffer.alloc(size * size * 4)
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let square = 0
      let white = 0
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) * 32) / size
          const y = ((py + (sy + 0.5) / samples) * 32) / size
          if (!insideSquare(x, y)) continue
          square++
          if (insideZed(x, y)) white++
        }
      }
      const at = (py * size + px) * 4
      const share = square ? white / square : 0
      for (let c = 0; c < 3; c++) pixels[at + c] = Math.round(sea[c]! * (1 - share) + 255 * share)
      pixels[at + 3] = Math.round((255 * square) / samples ** 2)
    }
  }
  return pixels
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let c = 0xffffffff
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function png(size: number): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 6, 0, 0, 0], 8) // 8 bits per channel, RGBA
  const pixels = draw(size)
  const rows = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++)
    pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const images = [16, 32, 48].map((size) => ({ size, data: png(size) }))
const directory = Buffer.alloc(6 + 16 * images.length)
directory.writeUInt16LE(0, 0)
directory.writeUInt16LE(1, 2) // an icon
directory.writeUInt16LE(images.length, 4)
let offset = directory.length
images.forEach(({ size, data }, i) => {
  const entry = 6 + 16 * i
  directory.writeUInt8(size, entry)
  directory.writeUInt8(size, entry + 1)
  directory.writeUInt16LE(1, entry + 4) // colour planes
  directory.writeUInt16LE(32, entry + 6) // bits per pixel
  directory.writeUInt32LE(data.length, entry + 8)
  directory.writeUInt32LE(offset, entry + 12)
  offset += data.length
})
fs.writeFileSync(
  path.join(root, 'public', 'favicon.ico'),
  Buffer.concat([directory, ...images.map((image) => image.data)]),
)
