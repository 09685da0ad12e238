import { badRequest } from '../errors.js'

/**
 * Opaque cursors for lists ordered newest first by (createdAt, id): the last item's pair, so a
 * page boundary never skips or repeats rows that share a timestamp.
 */
export function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(`${createdAt}|${id}`, 'utf8').toString('base64url')
}

export function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  const bar = text.indexOf('|')
  const createdAt = text.slice(0, bar)
  const id = text.slice(bar + 1)
  if (bar < 1 || !id || Number.isNaN(Date.parse(createdAt))) {
    throw badRequest('invalid_request', 'The query string is not valid.', [{ path: 'cursor', message: 'not a cursor this list gave out' }])
  }
  return { createdAt, id }
}
