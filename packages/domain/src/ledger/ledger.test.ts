import { describe, expect, it } from 'vitest'
import { GENESIS_HASH, LedgerEvent, canonicalJson, eventHash, verifyChain, type UnhashedEvent } from './index.js'

describe('canonicalJson', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}')
    expect(canonicalJson({ a: 2, b: 1 })).toBe(canonicalJson({ b: 1, a: 2 }))
  })

  it('sorts keys at every depth', () => {
    const one = { z: { y: 1, x: [{ d: 4, c: 3 }] }, a: null }
    const two = { a: null, z: { x: [{ c: 3, d: 4 }], y: 1 } }
    expect(canonicalJson(one)).toBe('{"a":null,"z":{"x":[{"c":3,"d":4}],"y":1}}')
    expect(canonicalJson(two)).toBe(canonicalJson(one))
  })

  it('keeps array order', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]')
    expect(canonicalJson([3, 1, 2])).not.toBe(canonicalJson([1, 2, 3]))
  })

  it('drops undefined properties and writes undefined array items as null', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}')
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }))
    expect(canonicalJson([1, undefined, 3])).toBe('[1,null,3]')
    expect(canonicalJson(undefined)).toBe('null')
  })

  it('writes scalars and strings like JSON, without whitespace', () => {
    expect(canonicalJson('茶义 "cup"')).toBe('"茶义 \\"cup\\""')
    expect(canonicalJson({ n: 500, t: true, s: '' })).toBe('{"n":500,"s":"","t":true}')
    expect(canonicalJson({})).toBe('{}')
    expect(canonicalJson([])).toBe('[]')
  })

  it('refuses non-finite numbers', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError)
    expect(() => canonicalJson([Infinity])).toThrow(TypeError)
  })
})

/** A whole chain of `n` events for one team. */
function buildChain(n: number): LedgerEvent[] {
  const events: LedgerEvent[] = []
  let prevHash = GENESIS_HASH
  for (let seq = 1; seq <= n; seq++) {
    const unhashed: UnhashedEvent = {
      seq,
      teamId: 'team-1',
      at: `2024-05-0${seq}T08:00:00Z`,
      actor: 'user:u1',
      kind: 'granary.goods_donated',
      entity: 'donation',
      entityId: `d${seq}`,
      payload: { items: seq, valueFen: seq * 1000, note: seq % 2 ? '大米' : undefined },
      prevHash,
    }
    const event = { ...unhashed, hash: eventHash(unhashed) }
    events.push(LedgerEvent.parse(event))
    prevHash = event.hash
  }
  return events
}

const headOf = (events: LedgerEvent[]) => {
  const last = events[events.length - 1]
  return { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH }
}

describe('verifyChain', () => {
  it('accepts a whole chain, with and without its head', () => {
    const chain = buildChain(5)
    expect(verifyChain(chain)).toBeNull()
    expect(verifyChain(chain, headOf(chain))).toBeNull()
    expect(verifyChain([], { seq: 0, hash: GENESIS_HASH })).toBeNull()
  })

  it('links each event to the hash of the one before', () => {
    const chain = buildChain(5)
    expect(chain[0]?.prevHash).toBe(GENESIS_HASH)
    for (let i = 1; i < chain.length; i++) expect(chain[i]?.prevHash).toBe(chain[i - 1]?.hash)
    expect(new Set(chain.map((e) => e.hash)).size).toBe(5)
  })

  it('hashes the payload canonically, so key order does not matter', () => {
    const [first] = buildChain(1)
    if (!first) throw new Error('no event')
    const { hash, ...rest } = first
    const reordered = { ...rest, payload: { valueFen: 1000, note: '大米', items: 1 } }
    expect(eventHash(reordered)).toBe(hash)
  })

  it('reports an edited payload as hash_mismatch at that seq', () => {
    const chain = buildChain(5)
    const edited = chain.map((e) => (e.seq === 3 ? { ...e, payload: { items: 3, valueFen: 999_000 } } : e))
    expect(verifyChain(edited)).toMatchObject({ seq: 3, problem: 'hash_mismatch' })
  })

  it('reports an edited field with a recomputed hash at the next seq', () => {
    const chain = buildChain(5)
    const edited = chain.map((e) => {
      if (e.seq !== 2) return e
      const { hash: _old, ...rest } = { ...e, actor: 'user:intruder' }
      return { ...rest, hash: eventHash(rest) }
    })
    expect(verifyChain(edited)).toMatchObject({ seq: 3, problem: 'prev_hash_mismatch' })
  })

  it('reports a deleted middle event as a gap', () => {
    const chain = buildChain(5)
    const result = verifyChain(chain.filter((e) => e.seq !== 3))
    expect(result).toMatchObject({ seq: 3, problem: 'gap' })
    expect(result?.message).toContain('found 4')
  })

  it('reports two swapped events', () => {
    const chain = buildChain(5)
    const swapped = [chain[0], chain[2], chain[1], chain[3], chain[4]] as LedgerEvent[]
    expect(verifyChain(swapped)).toMatchObject({ seq: 2, problem: 'gap' })

    // Swapping the contents but renumbering to hide it still breaks the links.
    const renumbered = swapped.map((e, i) => ({ ...e, seq: i + 1 }))
    const problem = verifyChain(renumbered)
    expect(problem).not.toBeNull()
    expect(problem?.seq).toBe(2)
  })

  it('reports events missing from the end against the head', () => {
    const chain = buildChain(5)
    const result = verifyChain(chain.slice(0, 4), headOf(chain))
    expect(result).toMatchObject({ seq: 5, problem: 'head_mismatch' })
    expect(verifyChain(chain.slice(0, 4))).toBeNull() // without the head the truncation is invisible
  })

  it('reports a head whose hash does not match the last event', () => {
    const chain = buildChain(5)
    expect(verifyChain(chain, { seq: 5, hash: 'f'.repeat(64) })).toMatchObject({ problem: 'head_mismatch' })
  })
})
