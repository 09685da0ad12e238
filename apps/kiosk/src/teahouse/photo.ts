import { MAX_LOT_PHOTO_BYTES } from '@chayi/domain'
import type { PhotoSize } from '@chayi/shell'

/** A granary lot's photo: at most 800 px on its long side, within the granary's limit with room to spare. */
export const LOT_PHOTO: PhotoSize = { limit: MAX_LOT_PHOTO_BYTES * 0.9, side: 800 }
