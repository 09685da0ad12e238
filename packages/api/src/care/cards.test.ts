import { afterAll, beforeAll, expect, it } from 'vitest'
import { Beneficiary, BeneficiaryDetail, CareCard, CareCardLookup, maskName, page, PrintableCareCard } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi } from '../testing.js'
import { careCounts, newBeneficiary } from './fixtures.js'

describeEachDialect('care cards: issue, replace, revoke, kiosk lookup, print', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let staff: string
  let counter: string
  let leader: string
  let volunteer: string
  let otherStaff: string
  let device: Record<string, string>
  let lockedDevice: Record<string, string>
  beforeAll(async () => {
    api = await createTestApi(ctx())
    const team = await api.makeTeam('xf')
    const other = await api.makeTeam('yy')
    staff = await api.signIn((await api.makeUser(team.id, ['care_staff'])).username!)
    const admin = await api.signIn((await api.makeUser(team.id, ['admin'])).username!)
    const counterUser = await api.makeUser(team.id, ['counter_staff'])
    counter = await api.signIn(counterUser.username!)
    leader = await api.signIn((await api.makeUser(team.id, ['leader'])).username!)
    volunteer = await api.signIn((await api.makeUser(team.id, ['volunteer'])).username!)
    otherStaff = await api.signIn((await api.makeUser(other.id, ['care_staff'])).username!)
    // A paired counter tablet, unlocked by the counter staff member's PIN.
    const code = await api.call('POST', '/api/v1/devices/pairing-codes', { cookie: admin, body: { name: '茶馆柜台' } })
    const token = (await api.call('POST', '/api/v1/devices/pair', { body: { code: code.json.code } })).json.token as string
    expect((await api.call('PUT', `/api/v1/users/${counterUser.id}/pin`, { cookie: admin, body: { pin: '2468' } })).status).toBe(200)
    const s = await api.call('POST', '/api/v1/kiosk/staff-session', { headers: { authorization: `Bearer ${token}` }, body: { userId: counterUser.id, pin: '2468' } })
    expect(s.status, s.text).toBe(201)
    device = { authorization: `Bearer ${token}`, 'x-chayi-staff': s.json.token }
    lockedDevice = { authorization: `Bearer ${token}` }
  }, 60_000)
  afterAll(() => api.close())

  async function register(over: Record<string, unknown> = {}, cookie = staff) {
    const body = newBeneficiary(over)
    const r = await api.call('POST', '/api/v1/beneficiaries', { cookie, body })
    if (r.status !== 201) throw new Error(r.text)
    return { body, b: Beneficiary.parse(r.json) }
  }
  const issue = async (id: string, body: unknown = {}) => api.call('POST', `/api/v1/beneficiaries/${id}/cards`, { cookie: staff, body })
  const lookup = (code: string, headers: Record<string, string> = device) => api.call('GET', `/api/v1/cards/lookup?code=${encodeURIComponent(code)}`, { headers })
  const print = async (id: string) => PrintableCareCard.parse((await api.call('GET', `/api/v1/cards/${id}/print`, { cookie: staff })).json)

  it('issues a numbered card with an unguessable QR token, shown on the beneficiary and printable', async () => {
    const { body, b } = await register()
    const r = await issue(b.id)
    expect(r.status, r.text).toBe(201)
    const card = CareCard.parse(r.json)
    expect(card).toMatchObject({ beneficiaryId: b.id, status: 'active', endedAt: null, replacedBy: null })
    expect(card.number).toMatch(/^XF-GA-\d{6}$/)
    expect(r.text).not.toMatch(/token/i)
    expect(Beneficiary.parse((await api.call('GET', `/api/v1/beneficiaries/${b.id}`, { cookie: staff })).json).card).toEqual({ id: card.id, number: card.number })

    const p = await print(card.id)
    expect(p).toMatchObject({ cardId: card.id, number: card.number, status: 'active', displayName: maskName(body.name), kinds: ['elderly', 'disabled'], team: { name: 'Team xf', community: '幸福社区' } })
    const token = decodeURIComponent(p.qrUrl.split('/kiosk/card/')[1]!)
    expect(token.length).toBeGreaterThanOrEqual(32)
    expect(p.qrUrl).toBe(`http://localhost/kiosk/card/${token}`)
    expect((await print(card.id)).qrUrl).toBe(p.qrUrl)
    const printed = JSON.stringify(p)
    for (const secret of [body.name, body.phone, body.idNumber, body.address]) expect(printed).not.toContain(secret)
    expect((await api.call('GET', `/api/v1/cards/${card.id}/print`, { cookie: counter })).status).toBe(403)
    expect((await api.call('GET', `/api/v1/cards/${card.id}/print`, { cookie: otherStaff })).status).toBe(404)

    const event = await ctx().db.selectFrom('ledgerEvents').select('payload').where('kind', '=', 'care.card_issued').where('entityId', '=', card.id).executeTakeFirstOrThrow()
    expect(JSON.parse(event.payload)).toEqual({ beneficiaryId: b.id, number: card.number, replaces: null })
    expect(event.payload).not.toContain(token)
  })

  it('looks a card up at the counter by number, token or QR URL, showing nothing personal beyond a masked name', async () => {
    const { body, b } = await register({ kinds: ['empty_nest_elderly', 'low_income'] })
    const card = CareCard.parse((await issue(b.id)).json)
    const { qrUrl } = await print(card.id)
    const token = decodeURIComponent(qrUrl.split('/kiosk/card/')[1]!)
    const expected = { cardId: card.id, number: card.number, status: 'active', kinds: ['elderly'], displayName: maskName(body.name), beneficiaryStatus: 'active', usable: true }
    for (const code of [card.number, card.number.toLowerCase(), token, qrUrl, ` ${card.number} `]) {
      const r = await lookup(code)
      expect(r.status, `${code}: ${r.text}`).toBe(200)
      expect(CareCardLookup.strict().parse(r.json)).toEqual(expected)
      for (const secret of [body.name, body.phone, body.idNumber, body.address, body.emergencyContact.phone, body.healthNotes, 'low_income', b.id]) expect(r.text).not.toContain(secret)
    }
    // Care staff and counter staff signed in as people may look up too; others may not.
    expect((await lookup(card.number, { cookie: counter })).status).toBe(200)
    expect((await api.call('GET', `/api/v1/cards/lookup?code=${card.number}`, { cookie: staff })).status).toBe(200)
    for (const cookie of [leader, volunteer]) expect((await api.call('GET', `/api/v1/cards/lookup?code=${card.number}`, { cookie })).status).toBe(403)
    expect((await lookup(card.number, lockedDevice)).status).toBe(403)
    expect((await lookup(card.number, {})).status).toBe(401)
    // Unknown, guessed and other teams' cards are 404; a too-short code is 400.
    expect((await lookup('XF-GA-999999')).status).toBe(404)
    expect((await lookup(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).status).toBe(404)
    expect((await api.call('GET', `/api/v1/cards/lookup?code=${card.number}`, { cookie: otherStaff })).status).toBe(404)
    expect((await lookup('ab')).status).toBe(400)
    expect((await api.call('GET', '/api/v1/cards/lookup', { headers: device })).status).toBe(400)
  })

  it('replaces the active card when a new one is issued: one active card, the old one marked replaced', async () => {
    const { b } = await register()
    const first = CareCard.parse((await issue(b.id)).json)
    const { qrUrl: oldUrl } = await print(first.id)
    const second = CareCard.parse((await issue(b.id, { reason: '原卡遗失' })).json)
    expect(second.number).not.toBe(first.number)
    const cards = page(CareCard).parse((await api.call('GET', `/api/v1/beneficiaries/${b.id}/cards`, { cookie: staff })).json).items
    expect(cards.map((c) => [c.id, c.status])).toEqual([
      [second.id, 'active'],
      [first.id, 'replaced'],
    ])
    expect(cards[1]).toMatchObject({ replacedBy: second.id, endReason: '原卡遗失', endedAt: expect.any(String) })
    expect(Number(second.number.slice(-6))).toBe(Number(first.number.slice(-6)) + 1)
    // The old card still scans, as replaced and unusable.
    expect((await lookup(oldUrl)).json).toMatchObject({ cardId: first.id, status: 'replaced', usable: false })
    expect((await lookup(first.number)).json).toMatchObject({ status: 'replaced', usable: false })
    const active = await ctx().db.selectFrom('careCards').select('id').where('beneficiaryId', '=', b.id).where('status', '=', 'active').execute()
    expect(active).toHaveLength(1)
  })

  it('revokes a card with a reason; a paused beneficiary’s card is unusable; leaving revokes the card; no card for one who left', async () => {
    const { b } = await register()
    const card = CareCard.parse((await issue(b.id)).json)
    const before = await careCounts(ctx())
    for (const body of [{}, { reason: 'x' }]) expect((await api.call('POST', `/api/v1/cards/${card.id}/revoke`, { cookie: staff, body })).status).toBe(400)
    expect((await api.call('POST', `/api/v1/cards/${card.id}/revoke`, { cookie: counter, body: { reason: '冒用' } })).status).toBe(403)
    expect((await api.call('POST', `/api/v1/cards/${card.id}/revoke`, { cookie: otherStaff, body: { reason: '冒用' } })).status).toBe(404)
    expect(await careCounts(ctx())).toEqual(before)
    const r = await api.call('POST', `/api/v1/cards/${card.id}/revoke`, { cookie: staff, body: { reason: '卡片遗失，暂不补办' } })
    expect(r.status, r.text).toBe(200)
    expect(CareCard.parse(r.json)).toMatchObject({ status: 'revoked', endReason: '卡片遗失，暂不补办', replacedBy: null })
    const again = await api.call('POST', `/api/v1/cards/${card.id}/revoke`, { cookie: staff, body: { reason: '再次注销' } })
    expect(again.status).toBe(409)
    expect(again.json.error.code).toBe('card_not_active')
    expect((await lookup(card.number)).json).toMatchObject({ status: 'revoked', usable: false })
    expect(Beneficiary.parse((await api.call('GET', `/api/v1/beneficiaries/${b.id}`, { cookie: staff })).json).card).toBeNull()

    const next = CareCard.parse((await issue(b.id)).json)
    await api.call('POST', `/api/v1/beneficiaries/${b.id}/status`, { cookie: staff, body: { status: 'paused', reason: '外出探亲' } })
    expect((await lookup(next.number)).json).toMatchObject({ status: 'active', beneficiaryStatus: 'paused', usable: false })
    const paused = await issue(b.id)
    expect(paused.status).toBe(422)
    expect(paused.json.error.code).toBe('beneficiary_not_active')
    const left = await api.call('POST', `/api/v1/beneficiaries/${b.id}/status`, { cookie: staff, body: { status: 'left', reason: '迁出本社区' } })
    expect(BeneficiaryDetail.parse(left.json).card).toBeNull()
    expect((await lookup(next.number)).json).toMatchObject({ status: 'revoked', beneficiaryStatus: 'left', usable: false })
    const cards = page(CareCard).parse((await api.call('GET', `/api/v1/beneficiaries/${b.id}/cards`, { cookie: staff })).json).items
    expect(cards.map((c) => [c.status, c.endReason])).toEqual([
      ['revoked', 'beneficiary_left'],
      ['revoked', '卡片遗失，暂不补办'],
    ])
    const stillBefore = await careCounts(ctx())
    const refused = await issue(b.id)
    expect(refused.status).toBe(422)
    expect(await careCounts(ctx())).toEqual(stillBefore)
  })

  it('refuses bad card requests with 400/404, and the register’s cards to roles without need, writing nothing', async () => {
    const { b } = await register()
    const before = await careCounts(ctx())
    expect((await issue(b.id, { reason: 'x' })).status).toBe(400)
    expect((await issue('0190a000-0000-7000-8000-000000000000')).status).toBe(404)
    expect((await api.call('POST', `/api/v1/beneficiaries/${b.id}/cards`, { cookie: otherStaff, body: {} })).status).toBe(404)
    for (const cookie of [counter, leader, volunteer]) {
      expect((await api.call('POST', `/api/v1/beneficiaries/${b.id}/cards`, { cookie, body: {} })).status).toBe(403)
      expect((await api.call('GET', `/api/v1/beneficiaries/${b.id}/cards`, { cookie })).status).toBe(403)
    }
    expect((await api.call('GET', `/api/v1/beneficiaries/${b.id}/cards`, { cookie: otherStaff })).status).toBe(404)
    expect((await api.call('POST', `/api/v1/beneficiaries/${b.id}/cards`, { headers: device, body: {} })).status).toBe(403)
    expect(await careCounts(ctx())).toEqual(before)
  })

  it('numbers cards without gaps or repeats under concurrent issues', async () => {
    const made = await Promise.all(Array.from({ length: 6 }, () => register()))
    const results = await Promise.all(made.flatMap(({ b }) => [issue(b.id), issue(b.id)]))
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201))
    const numbers = results.map((r) => Number((r.json.number as string).slice(-6))).sort((a, z) => a - z)
    expect(new Set(numbers).size).toBe(12)
    expect(numbers[11]! - numbers[0]!).toBe(11)
    for (const { b } of made) {
      const cards = page(CareCard).parse((await api.call('GET', `/api/v1/beneficiaries/${b.id}/cards`, { cookie: staff })).json).items
      expect(cards.map((c) => c.status).sort()).toEqual(['active', 'replaced'])
    }
  })

  // Last in the file: it uses up this tablet's allowance of unknown cards.
  it('stops a tablet walking the card numbers: after 20 unknown cards it must wait (429), even for a real card; others are not held up', async () => {
    const { b } = await register()
    const card = CareCard.parse((await issue(b.id)).json)
    const lookup = (code: string, headers = device) => api.call('GET', `/api/v1/cards/lookup?code=${encodeURIComponent(code)}`, { headers })
    const misses = Array.from({ length: 20 }, (_, k) => `XF-GA-9${String(k).padStart(5, '0')}`)
    // Earlier tests here already spent a few; spend the rest, alternating with the tea house's check.
    let n = 0
    for (const code of misses) {
      const r = n++ % 2 ? await api.call('GET', `/api/v1/teahouse/cards/check?code=${code}`, { headers: device }) : await lookup(code)
      if (r.status === 429) break
      expect(r.status).toBe(404)
    }
    const held = await lookup(card.number)
    expect(held.status).toBe(429)
    expect(held.json.error.code).toBe('too_many_attempts')
    expect(held.headers.get('retry-after')).toMatch(/^\d+$/)
    expect((await api.call('GET', `/api/v1/teahouse/cards/check?code=${card.number}`, { headers: device })).status).toBe(429)
    // Care staff at their desk are counted on their own.
    expect((await api.call('GET', `/api/v1/cards/lookup?code=${card.number}`, { cookie: staff })).status).toBe(200)
  })
})
