import type { PhotoSize } from '@chayi/shell'

/** A visit photo's ceiling on the device: well under the contract's 200 kB, four fit in one request. */
export const VISIT_PHOTO_BYTES = 150 * 1024

/** Visit and delivery photos (and the signature): at most 1024 px on the long side, within VISIT_PHOTO_BYTES. */
export const VISIT_PHOTO: PhotoSize = { limit: VISIT_PHOTO_BYTES, side: 1024 }
