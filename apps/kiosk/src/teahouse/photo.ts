import { base64DecodedLength, MAX_LOT_PHOTO_BYTES } from '@chayi/domain'

/**
 * A camera photo made small enough for a granary lot: a JPEG data URL at most 800 px on its long
 * side, stepped down in quality (then size) until it fits the granary's limit with room to spare.
 */
export async function downscalePhoto(file: Blob, limit = MAX_LOT_PHOTO_BYTES * 0.9): Promise<string> {
  const url = URL.createObjectURL(file)
  try {
    const img = await new Promise<HTMLImageElement>((resolve, reject) => {
      const i = new Image()
      i.onload = () => resolve(i)
      i.onerror = () => reject(new Error('not an image'))
      i.src = url
    })
    let side = 800
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
