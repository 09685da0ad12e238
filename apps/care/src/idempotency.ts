/**
 * A client UUID for the `Idempotency-Key` header. `crypto.randomUUID` exists only in secure
 * contexts, and a console opened at a LAN address over plain http is not one, so fall back to
 * `getRandomValues` (available everywhere) for a version-4 UUID.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

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
      if (last?.body !== json) last = { body: json, key: newIdempotencyKey() }
      return last.key
    },
    /** After a definite answer: the next request is a new one. */
    reset() {
      last = null
    },
  }
}
