import { base64DecodedLength } from '@chayi/domain'

export interface PhotoSize {
  /** The most the JPEG's bytes may be (base64-decoded). */
  limit: number
  /** The longest side to start from, in pixels (stepped down when quality alone is not enough). */
  side: number
}

/**
 * A camera photo made small enough to send: a JPEG data URL at most `side` px on its long side,
 * stepped down in quality (then size) until it fits `limit`. The canvas does the work on the device,
 * so what waits in the outbox (and goes over a weak signal) is small.
 */
export async function downscalePhoto(file: Blob, { limit, side }: PhotoSize): Promise<string> {
  const url = URL.createObjectURL(file)
  try {
    const img = await new Promise<HTMLImageElement>((resolve, reject) => {
      const i = new Image()
      i.onload = () => resolve(i)
      i.onerror = () => reject(new Error('not an image'))
      i.src = url
    })
    for (let attempt = 0; attempt < 6; attempt++) {
      const scale = Math.min(1, side / Math.max(img.naturalWidth, img.naturalHeight))
      const canvas = document.createElement('canvas')
      canvas.width = Math.max(1, Math.round(img.naturalWidth * scale))
      canvas.height = Math.max(1, Math.round(img.naturalHeight * scale))
      const g = canvas.getContext('2d')
      if (!g) throw new Error('no canvas')
      g.drawImage(img, 0, 0, canvas.width, canvas.height)
      for (const q of [0.8, 0.65, 0.5]) {
        const data = canvas.toDataURL('image/jpeg', q)
        if (data.startsWith('data:image/jpeg;base64,') && base64DecodedLength(data.slice(data.indexOf(',') + 1)) <= limit) return data
      }
      side = Math.round(side * 0.7)
    }
    throw new Error('photo too large')
  } finally {
    URL.revokeObjectURL(url)
  }
}
