import { randomBytes, randomUUID } from 'node:crypto'
import { newReceiptCode, type SaleRequest } from '@chayi/domain'
import { newBeneficiary } from '../care/fixtures.js'
import type { createTestApi } from '../testing.js'

// Test helpers for the tea house: a team with an admin, a leader, counter staff with a PIN, paired
// tablets unlocked at the counter, care-card holders, and shorthand for tablet requests.

type TestApi = Awaited<ReturnType<typeof createTestApi>>

export async function teahouseTeam(api: TestApi, code = `th${randomBytes(3).toString('hex')}`) {
  const team = await api.makeTeam(code)
  const adminUser = await api.makeUser(team.id, ['admin'])
  const admin = await api.signIn(adminUser.username!)
  const leader = await api.signIn((await api.makeUser(team.id, ['leader'])).username!)
  const careStaff = await api.signIn((await api.makeUser(team.id, ['care_staff'])).username!)
  const counterUser = await api.makeUser(team.id, ['counter_staff'])
  const counterCookie = await api.signIn(counterUser.username!)
  const leaderUser = await api.makeUser(team.id, ['leader'])
  for (const u of [counterUser, leaderUser]) {
    const r = await api.call('PUT', `/api/v1/users/${u.id}/pin`, { cookie: admin, body: { pin: '2468' } })
    if (r.status !== 200) throw new Error(r.text)
  }

  /** A newly paired tablet: `locked` headers (token only) and `unlocked` by counter staff (or the leader). */
  async function tablet(as: 'counter' | 'leader' = 'counter') {
    const code = await api.call('POST', '/api/v1/devices/pairing-codes', { cookie: admin, body: { name: '茶馆柜台' } })
    const token = (await api.call('POST', '/api/v1/devices/pair', { body: { code: code.json.code } })).json.token as string
    const locked = { authorization: `Bearer ${token}` }
    const s = await api.call('POST', '/api/v1/kiosk/staff-session', { headers: locked, body: { userId: (as === 'counter' ? counterUser : leaderUser).id, pin: '2468' } })
    if (s.status !== 201) throw new Error(s.text)
    const unlocked = { ...locked, 'x-chayi-staff': s.json.token as string }
    const state = await api.call('GET', '/api/v1/teahouse/device', { headers: locked })
    return { locked, unlocked, deviceId: state.json.deviceId as string, prefix: state.json.receiptPrefix as string }
  }

  /** A registered beneficiary with an active care card; returns the card number. */
  async function cardHolder(over: Record<string, unknown> = {}) {
    const b = await api.call('POST', '/api/v1/beneficiaries', { cookie: careStaff, body: newBeneficiary(over) })
    if (b.status !== 201) throw new Error(b.text)
    const card = await api.call('POST', `/api/v1/beneficiaries/${b.json.id}/cards`, { cookie: careStaff, body: {} })
    if (card.status !== 201) throw new Error(card.text)
    return { beneficiaryId: b.json.id as string, cardId: card.json.id as string, number: card.json.number as string }
  }

  async function menuItem(name = '竹叶青', priceFen = 1500) {
    const r = await api.call('POST', '/api/v1/teahouse/menu-items', { cookie: admin, body: { name, priceFen } })
    if (r.status !== 201) throw new Error(r.text)
    return r.json.id as string
  }

  return { team, admin, leader, careStaff, counterCookie, counterUser, leaderUser, tablet, cardHolder, menuItem }
}

/** A tablet's own counters, as the kiosk keeps them. */
export function seqs() {
  const n = { sale: 0, serving: 0, intake: 0, shift: 0 }
  return (k: keyof typeof n) => ++n[k]
}

export function openShiftBody(seq: number, over: Record<string, unknown> = {}) {
  return { id: randomUUID(), deviceSeq: seq, openedAt: '2026-11-28T01:00:00.000Z', floatFen: 20_000, ...over }
}

export function saleBody(shiftId: string, seq: number, over: Partial<SaleRequest> = {}): SaleRequest {
  return {
    id: randomUUID(),
    deviceSeq: seq,
    shiftId,
    soldAt: '2026-11-28T02:00:00.000Z',
    paymentMethod: 'cash',
    lines: [],
    cups: 1,
    cupPriceFen: 500,
    receiptCode: newReceiptCode(),
    ...over,
  }
}

export function servingBody(cardCode: string, seq: number, over: Record<string, unknown> = {}) {
  return { id: randomUUID(), deviceSeq: seq, cardCode, servedAt: '2026-11-28T03:00:00.000Z', claim: false, ...over }
}
