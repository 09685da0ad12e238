import { crc32, deflateSync } from 'node:zlib'

// Stand-ins for the photos a worker takes in the field: small drawn PNGs (a hillside under a sky,
// a house or a parcel in the tea palette), different for each seed, so the demo's visit and
// delivery screens show pictures rather than blank squares. Made with zlib alone; nothing is read
// from disk or the network.

const W = 240
const H = 160
type Rgb = readonly [number, number, number]

const SKIES: Rgb[] = [
  [176, 208, 232],
  [200, 220, 236],
  [232, 214, 190],
]
const HILLS: Rgb[] = [
  [122, 146, 92],
  [150, 160, 110],
  [110, 128, 96],
]
const WALL: Rgb = [236, 226, 206]
const ROOF: Rgb = [124, 70, 40]
const PARCEL: Rgb = [196, 150, 96]
const TAPE: Rgb = [150, 40, 36]

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body) >>> 0)
  return Buffer.concat([len, body, crc])
}

/**
 * A PNG data URL of a little drawn scene: `house` for a visit (the household's home), `parcel` for a
 * handover. The same seed always gives the same picture.
 */
export function demoPicture(seed: number, subject: 'house' | 'parcel'): string {
  const sky = SKIES[seed % SKIES.length]!
  const hill = HILLS[(seed >> 2) % HILLS.length]!
  const ridge = 70 + (seed % 23)
  const x0 = 60 + ((seed * 37) % 90)
  const rows: Buffer[] = []
  for (let y = 0; y < H; y++) {
    const row = Buffer.alloc(1 + W * 3) // filter byte 0, then RGB
    for (let x = 0; x < W; x++) {
      const horizon = ridge + Math.round(14 * Math.sin((x + seed * 7) / 31))
      let c: Rgb = y < horizon ? sky : hill
      if (y < horizon) {
        // the sky lightens towards the horizon
        const t = y / horizon
        c = [Math.round(c[0] + (255 - c[0]) * t * 0.5), Math.round(c[1] + (255 - c[1]) * t * 0.5), Math.round(c[2] + (255 - c[2]) * t * 0.3)]
      }
      if (subject === 'house') {
        const dx = x - x0
        const door = dx > 28 && dx < 42 && y > 106
        const window = (dx >= 8 && dx < 20) || (dx >= 50 && dx < 62)
        if (dx >= 0 && dx < 70 && y >= 88 && y < 132) c = door || (window && y > 96 && y < 108) ? ROOF : WALL
        const roofTop = 62
        if (y >= roofTop && y < 88 && Math.abs(dx - 35) <= ((y - roofTop) * 43) / 26) c = ROOF
      } else {
        const dx = x - x0
        if (dx >= 0 && dx < 80 && y >= 84 && y < 138) c = Math.abs(dx - 40) < 5 || Math.abs(y - 104) < 4 ? TAPE : PARCEL
      }
      row[1 + x * 3] = c[0]
      row[2 + x * 3] = c[1]
      row[3 + x * 3] = c[2]
    }
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(W, 0)
  header.writeUInt32BE(H, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // truecolour
  const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })), chunk('IEND', Buffer.alloc(0))])
  return `data:image/png;base64,${png.toString('base64')}`
}
