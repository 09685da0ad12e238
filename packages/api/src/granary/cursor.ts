import { ITEM_KEY_PATTERN } from '@chayi/domain'
import { badRequest } from '../errors.js'

// Opaque cursors of the granary lists ordered by one key: the item key (items), or the movement id
// (the ledger, whose order is its time-ordered ids; see stock.ts).

export const encodeKeyCursor = (key: string) => Buffer.from(key, 'utf8').toString('base64url')

const badCursor = () => badRequest('invalid_request', 'The query string is not valid.', [{ path: 'cursor', message: 'not a cursor this list gave out' }])

export function decodeItemCursor(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8')
  if (!ITEM_KEY_PATTERN.test(key)) throw badCursor()
  return key
}

export function decodeIdCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8')
  if (!/^[0-9a-f-]{36}$/.test(id)) throw badCursor()
  return id
}
