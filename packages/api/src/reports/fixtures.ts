import { randomBytes } from 'node:crypto'
import { newId } from '../ids.js'
import type { createTestApi } from '../testing.js'

// Test helpers for reports: a team with every role signed in, and ledger rows the other contexts
// write in the real flow (beneficiaries, tea-house sales, cups and servings), inserted directly.

type TestApi = Awaited<ReturnType<typeof createTestApi>>

export async function reportsTeam(api: TestApi, code = `r${randomBytes(3).toString('hex')}`) {
  const team = await api.makeTeam(code)
  const roles = ['leader', 'admin', 'care_staff', 'volunteer', 'aid_worker', 'counter_staff'] as const
  const users = await Promise.all(roles.map((role) => api.makeUser(team.id, [role])))
  const [leader, admin, staff, volunteer, aidWorker, counter] = (await Promise.all(users.map((u) => api.signIn(u.username!)))) as [string, string, string, string, string, string]
  return { team, users, leader, admin, staff, volunteer, aidWorker, counter }
}

export async function insertBeneficiary(api: TestApi, teamId: string, kinds: string[], over: { status?: 'active' | 'paused' | 'left'; createdAt?: string } = {}) {
  const id = newId()
  const at = over.createdAt ?? '2026-06-01T00:00:00.000Z'
  await api.deps.db
    .insertInto('beneficiaries')
    .values({
      id,
      teamId,
      kinds: JSON.stringify(kinds),
      name: '测试',
      gender: 'female',
      birthDate: '1940-01-01',
      community: '幸福社区',
      livingSituation: 'alone',
      addressEnc: null,
      phoneEnc: null,
      emergencyContactEnc: null,
      idNumberEnc: null,
      idNumberHash: null,
      disabilityEnc: null,
      healthNotesEnc: null,
      incomeEnc: null,
      status: over.status ?? 'active',
      statusChangedAt: at,
      createdAt: at,
      createdBy: 'system',
      updatedAt: at,
    })
    .execute()
  return id
}

/** A kiosk, a shift and what its sales and servings leave in the tea house's ledgers. */
export async function teahouse(api: TestApi, teamId: string, userId: string) {
  const db = api.deps.db
  const deviceId = newId()
  await db
    .insertInto('devices')
    .values({ id: deviceId, teamId, name: '茶馆平板', kind: 'kiosk', tokenHash: randomBytes(16).toString('hex'), pairedAt: '2026-01-01T00:00:00.000Z', pairedBy: userId, revokedAt: null, lastSeenAt: null })
    .execute()
  const shiftId = newId()
  await db.insertInto('teahouseShifts').values({ id: shiftId, teamId, deviceId, deviceSeq: 1, openedAt: '2026-01-01T00:00:00.000Z', openedBy: userId, floatFen: 0, receivedAt: '2026-01-01T00:00:00.000Z' }).execute()
  let seq = 1
  let serial = 0
  return {
    /** A sale of `cups` charity cups at `at`; returns its id and its cups' ids. */
    async sale(cups: number, at: string) {
      const id = newId()
      seq += 1
      const code = randomBytes(4).toString('hex')
      await db
        .insertInto('teahouseSales')
        .values({ id, teamId, deviceId, deviceSeq: seq, receiptNo: `R${seq}`, receiptCode: code, shiftId, staffUserId: userId, paymentMethod: 'cash', teaFen: 0, cups, cupPriceFen: 500, cupsFen: cups * 500, totalFen: cups * 500, soldAt: at, receivedAt: at })
        .execute()
      const ids: string[] = []
      for (let i = 0; i < cups; i++) {
        serial += 1
        const cupId = newId()
        ids.push(cupId)
        await db.insertInto('teahouseCups').values({ id: cupId, teamId, saleId: id, token: `${code}-${i + 1}`, serialNo: serial, serial: String(serial), priceFen: 500, boughtAt: at }).execute()
      }
      return { id, cups: ids }
    },
    async reverse(saleId: string, at: string) {
      await db.insertInto('teahouseSaleReversals').values({ saleId, teamId, reason: '录错', reversedBy: userId, reversedAt: at }).execute()
    },
    async serve(cupId: string | null, beneficiaryId: string | null, at: string) {
      seq += 1
      await db
        .insertInto('teahouseServings')
        .values({
          id: newId(),
          teamId,
          deviceId,
          deviceSeq: seq,
          cardId: null,
          beneficiaryId,
          cardNumber: null,
          kinds: '["elderly"]',
          cupId,
          claim: cupId ? 0 : 1,
          flags: '[]',
          servedDay: at.slice(0, 10),
          servedAt: at,
          servedBy: userId,
          receivedAt: at,
        })
        .execute()
    },
  }
}
