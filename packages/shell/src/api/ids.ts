import { v7 } from 'uuid'

/**
 * A client-made id (UUIDv7: time-ordered, so offline records sort by when they were made). Also the
 * `Idempotency-Key` of a write. `crypto.randomUUID` exists only in secure contexts — a tablet on a
 * LAN address over plain http is not one — while uuid needs only `getRandomValues`.
 */
export const newClientId = (): string => v7()

/**
 * One key per request body: sending the same body again (after a network error) reuses the key,
 * so the server replays the first answer instead of creating twice; a changed body gets a new key
 * (the server refuses a reused key with another body).
 */
export function idempotencyKeys() {
  let last: { body: string; key: string } | null = null
  return {
    keyFor(body: unknown): string {
      const json = JSON.stringify(body)
      if (last?.body !== json) last = { body: json, key: newClientId() }
      return last.key
    },
    /** After a definite answer: the next request is a new one. */
    reset() {
      last = null
    },
  }
}
