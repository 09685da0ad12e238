import { readdirSync, readFileSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { AidHouseholdDetail, AidHouseholdListItem, AidPairing, AidPlace, ErrorBody, VersionConflictBody } from '@chayi/domain'
import { parseDatabaseUrl } from '@chayi/db'
import { describeEachDialect } from '@chayi/db/testing'
import { createTestApi, testClock } from '../testing.js'
import { aidCounts, newHousehold, newMember, TIBETAN_NAME } from './fixtures.js'

describeEachDialect('情系藏区 aid: places, households, members, pairings', (ctx, dialect) => {
  const clock = testClock()
  let api: Awaited<ReturnType<typeof createTestApi>>
  let team: { id: string }
  let worker: string
  let workerId: string
  let otherWorker: string
  let leader: string
  let admin: string
  let volunteer: string
  let counter: string
  let outsider: string
  let village: AidPlace
  let village2: AidPlace
  let township: AidPlace
  let partnerA: string
  let partnerB: string

  beforeAll(async () => {
    api = await createTestApi(ctx(), { clock })
    team = await api.makeTeam('aid')
    const other = await api.makeTeam('aid2')
    const w = await api.makeUser(team.id, ['aid_worker'])
    workerId = w.id
    worker = await api.signIn(w.username!)
    otherWorker = await api.signIn((await api.makeUser(team.id, ['aid_worker'])).username!)
    leader = await api.signIn((await api.makeUser(team.id, ['leader'])).username!)
    admin = await api.signIn((await api.makeUser(team.id, ['admin'])).username!)
    volunteer = await api.signIn((await api.makeUser(team.id, ['volunteer'])).username!)
    counter = await api.signIn((await api.makeUser(team.id, ['counter_staff'])).username!)
    outsider = await api.signIn((await api.makeUser(other.id, ['aid_worker', 'admin'])).username!)

    const place = async (body: Record<string, unknown>) => {
      const r = await api.call('POST', '/api/v1/aid/places', { cookie: worker, body })
      if (r.status !== 201) throw new Error(r.text)
      return AidPlace.parse(r.json)
    }
    const county = await place({ level: 'county', name: '示例县', nameBo: 'དཔེ་རྫོང་' })
    township = await place({ level: 'township', parentId: county.id, name: '卓玛乡' })
    const township2 = await place({ level: 'township', parentId: county.id, name: '格桑乡' })
    village = await place({ level: 'village', parentId: township.id, name: '达瓦村' })
    village2 = await place({ level: 'village', parentId: township2.id, name: '扎西村' })
    expect(village.path).toEqual(['示例县', '卓玛乡', '达瓦村'])

    const partner = async (name: string) => {
      const r = await api.call('POST', '/api/v1/partners', { cookie: admin, body: { name, kind: 'enterprise', contactName: '王经理' } })
      if (r.status !== 201) throw new Error(r.text)
      return r.json.id as string
    }
    partnerA = await partner('成都示例茶业有限公司')
    partnerB = await partner('锦江示例建筑公司')
  }, 60_000)
  afterAll(() => api.close())

  async function household(over: Record<string, unknown> = {}, cookie = worker) {
    const r = await api.call('POST', '/api/v1/aid/households', { cookie, body: newHousehold(village.id, { assignedWorkerId: workerId, ...over }) })
    if (r.status !== 201) throw new Error(r.text)
    return AidHouseholdDetail.parse(r.json)
  }

  it('lists places from the county down and refuses a village under a county', async () => {
    const r = await api.call('GET', '/api/v1/aid/places', { cookie: leader })
    expect(r.status).toBe(200)
    expect(r.json.items.map((p: AidPlace) => p.level)).toEqual(['county', 'township', 'township', 'village', 'village'])
    expect(r.json.items[0].nameBo).toBe('དཔེ་རྫོང་')
    const county = r.json.items[0].id
    const before = await aidCounts(ctx())
    const bad = await api.call('POST', '/api/v1/aid/places', { cookie: worker, body: { level: 'village', parentId: county, name: '错村' } })
    expect(bad.status).toBe(422)
    expect(ErrorBody.parse(bad.json).error.code).toBe('bad_parent')
    expect(await aidCounts(ctx())).toEqual(before)
  })

  it('records a household with gap-free codes; a Tibetan-script name comes back byte-identical', async () => {
    const h1 = await household()
    const h2 = await household()
    expect(Number(h2.code.slice(3))).toBe(Number(h1.code.slice(3)) + 1)
    expect(h1.code).toMatch(/^HH-\d{4}$/)
    expect(h1).toMatchObject({ status: 'identified', version: 1, landCultivatedMu: '3.5', landGrazingMu: '40.5', housingAreaM2: '86.4', marketDistanceKm: '23.7', headName: TIBETAN_NAME, memberCount: 2 })
    expect(h1.statusHistory.map((s) => [s.from, s.to])).toEqual([[null, 'identified']])
    // Who recorded it, by name (the audit actor stays in `by`).
    expect(h1.statusHistory[0]!.by).toBe(`user:${workerId}`)
    expect(h1.statusHistory[0]!.byName).toMatch(/^User /)

    const got = await api.call('GET', `/api/v1/aid/households/${h1.id}`, { cookie: worker })
    const head = AidHouseholdDetail.parse(got.json).members.find((m) => m.relation === 'head')!
    expect(Buffer.from(head.name, 'utf8').equals(Buffer.from(TIBETAN_NAME, 'utf8'))).toBe(true)
    const stored = await ctx().db.selectFrom('aidMembers').select('name').where('id', '=', head.id).executeTakeFirstOrThrow()
    expect(Buffer.from(stored.name, 'utf8').equals(Buffer.from(TIBETAN_NAME, 'utf8'))).toBe(true)
    const tenths = await ctx().db.selectFrom('aidHouseholds').select(['landCultivatedTenths', 'landGrazingTenths']).where('id', '=', h1.id).executeTakeFirstOrThrow()
    expect(tenths).toEqual({ landCultivatedTenths: 35, landGrazingTenths: 405 })
  })

  it('lists masked and filters by status, place (with everything below) and cause', async () => {
    const h = await household({ mainCause: 'disaster', secondaryCauses: ['education'] })
    await household({ placeId: village2.id, mainCause: 'lack_of_water', secondaryCauses: [] })
    const list = await api.call('GET', '/api/v1/aid/households?limit=200', { cookie: otherWorker })
    expect(list.status).toBe(200)
    const items = list.json.items.map((i: unknown) => AidHouseholdListItem.parse(i))
    expect(items.find((i: AidHouseholdListItem) => i.id === h.id).headNameMasked).toBe('བ' + '*'.repeat(Array.from(TIBETAN_NAME).length - 1))
    expect(list.text).not.toContain(TIBETAN_NAME)
    expect(list.text).not.toContain('62170038')

    const ids = async (q: string) => (await api.call('GET', `/api/v1/aid/households?${q}`, { cookie: worker })).json.items.map((i: AidHouseholdListItem) => i.id)
    expect(await ids('cause=disaster')).toEqual([h.id])
    expect(await ids('cause=education')).toEqual([h.id])
    expect((await ids(`placeId=${township.id}`)).length).toBe((await ids(`placeId=${village.id}`)).length)
    expect(await ids(`placeId=${village2.id}&cause=lack_of_water`)).toHaveLength(1)
    expect(await ids('status=exited')).toEqual([])
  })

  it('masks sealed fields for the assigned worker and leaders, hides them from other workers, and logs each reveal', async () => {
    const h = await household()
    const head = h.members.find((m) => m.relation === 'head')!
    expect(h.canReveal).toBe(true)
    expect(h.sensitive.bankAccount.masked).toMatch(/^\*+\d{4}$/)
    expect(head.sensitive.disabilityCertificate.masked).toMatch(/^542\*+\d{4}$/)
    expect(head.sensitive.healthNotes).toEqual({ masked: '******', hidden: null })

    const other = AidHouseholdDetail.parse((await api.call('GET', `/api/v1/aid/households/${h.id}`, { cookie: otherWorker })).json)
    expect(other.canReveal).toBe(false)
    expect(other.sensitive.bankAccount).toEqual({ masked: null, hidden: 'role' })
    expect(other.members.find((m) => m.relation === 'head')!.sensitive.healthNotes).toEqual({ masked: null, hidden: 'role' })
    const refused = await api.call('POST', `/api/v1/aid/households/${h.id}/reveal`, { cookie: otherWorker, body: { field: 'bank_account', reason: '核对账户' } })
    expect(refused.status).toBe(403)

    const logs = async () => Number((await ctx().db.selectFrom('accessLog').select(sql<number>`count(*)`.as('n')).where('entityId', 'in', [h.id, head.id]).executeTakeFirstOrThrow()).n)
    expect(await logs()).toBe(0)
    const body = newHousehold(village.id)
    const shown = await api.call('POST', `/api/v1/aid/households/${h.id}/reveal`, { cookie: leader, body: { field: 'health_notes', memberId: head.id, reason: '安排医疗救助' } })
    expect(shown.status, shown.text).toBe(200)
    expect(shown.json.value).toMatch(/^左腿截肢，需长期康复\d{4}$/)
    const bank = await api.call('POST', `/api/v1/aid/households/${h.id}/reveal`, { cookie: worker, body: { field: 'bank_account', reason: '发放补贴' } })
    expect(bank.json.value).toMatch(/^62170038\d{4}55443322$/)
    expect(body.bankAccount).toMatch(/^62170038/)
    const rows = await ctx().db.selectFrom('accessLog').selectAll().where('entityId', 'in', [h.id, head.id]).orderBy('at').orderBy('id').execute()
    expect(rows.map((r) => [r.entity, r.field, r.reason])).toEqual([
      ['aid_member', 'health_notes', '安排医疗救助'],
      ['aid_household', 'bank_account', '发放补贴'],
    ])
  })

  it('keeps sensitive values sealed at rest', async () => {
    const body = newHousehold(village.id)
    const created = await api.call('POST', '/api/v1/aid/households', { cookie: worker, body })
    expect(created.status).toBe(201)
    const head = body.members[0] as unknown as { disabilityCertificate: string; healthNotes: string }
    const secrets = [body.bankAccount, head.disabilityCertificate, head.healthNotes]
    let haystack: Buffer
    if (dialect === 'sqlite') {
      const parsed = parseDatabaseUrl(ctx().url)
      if (parsed.dialect !== 'sqlite') throw new Error('not a file database')
      const dir = dirname(parsed.file)
      const files = readdirSync(dir).filter((f) => f.startsWith(basename(parsed.file)))
      haystack = Buffer.concat(files.map((f) => readFileSync(`${dir}/${f}`)))
    } else {
      const all: string[] = []
      for (const table of ['aid_households', 'aid_members', 'ledger_events', 'idempotency_keys']) {
        const r = await sql<{ row: string }>`select t::text as row from ${sql.table(table)} t`.execute(ctx().db)
        all.push(...r.rows.map((x) => x.row))
      }
      haystack = Buffer.from(all.join('\n'), 'utf8')
    }
    // The search sees stored rows: the (plain) Tibetan name is there.
    expect(haystack.includes(Buffer.from(TIBETAN_NAME, 'utf8'))).toBe(true)
    for (const s of secrets) expect(haystack.includes(Buffer.from(s, 'utf8')), `"${s}" is readable at rest`).toBe(false)
  })

  it('refuses a stale household change with 409 and the current values of the fields that differ', async () => {
    const h = await household()
    const first = await api.call('PATCH', `/api/v1/aid/households/${h.id}`, { cookie: worker, body: { baseVersion: 1, safeWater: false, landCultivatedMu: '4' } })
    expect(first.status, first.text).toBe(200)
    expect(first.json).toMatchObject({ version: 2, safeWater: false, landCultivatedMu: '4' })

    const before = await aidCounts(ctx())
    const stale = await api.call('PATCH', `/api/v1/aid/households/${h.id}`, { cookie: leader, body: { baseVersion: 1, safeWater: true, landCultivatedMu: '4', housingSafe: false, bankAccount: '6217000011112222' } })
    expect(stale.status, stale.text).toBe(409)
    const c = VersionConflictBody.parse(stale.json).error
    expect(c.currentVersion).toBe(2)
    // landCultivatedMu is already what the leader wanted: not a conflict.
    expect(c.current).toEqual({ safeWater: false, housingSafe: true, bankAccount: expect.stringMatching(/^\*+3322$/) })
    expect(c.issues.map((i) => i.path).sort()).toEqual(['bankAccount', 'housingSafe', 'safeWater'])
    expect(await aidCounts(ctx())).toEqual(before)

    const again = await api.call('PATCH', `/api/v1/aid/households/${h.id}`, { cookie: leader, body: { baseVersion: 2, housingSafe: false } })
    expect(again.status).toBe(200)
    expect(again.json.version).toBe(3)
  })

  it('adds members and refuses a stale member change with both values', async () => {
    const h = await household()
    const added = await api.call('POST', `/api/v1/aid/households/${h.id}/members`, { cookie: worker, body: newMember({ relation: 'child', name: 'ཚེ་རིང་', birthDate: '2012-09-01', schooling: 'compulsory', education: 'primary', labourCapacity: 'none' }) })
    expect(added.status, added.text).toBe(201)
    expect(added.json.name).toBe('ཚེ་རིང་')
    const twoHeads = await api.call('POST', `/api/v1/aid/households/${h.id}/members`, { cookie: worker, body: newMember({ relation: 'head' }) })
    expect(twoHeads.status).toBe(422)
    expect(twoHeads.json.error.code).toBe('two_heads')

    const id = added.json.id
    expect((await api.call('PATCH', `/api/v1/aid/members/${id}`, { cookie: worker, body: { baseVersion: 1, monthsAway: 2 } })).status).toBe(200)
    const stale = await api.call('PATCH', `/api/v1/aid/members/${id}`, { cookie: otherWorker, body: { baseVersion: 1, monthsAway: 5, healthStatus: 'chronic_illness' } })
    expect(stale.status).toBe(409)
    expect(VersionConflictBody.parse(stale.json).error).toMatchObject({ currentVersion: 2, current: { monthsAway: 2, healthStatus: 'healthy' } })
    const after = AidHouseholdDetail.parse((await api.call('GET', `/api/v1/aid/households/${h.id}`, { cookie: worker })).json)
    expect(after.members.find((m) => m.id === id)).toMatchObject({ monthsAway: 2, version: 2 })
  })

  it('moves status along the state machine only, with history; the exit edges only through the exit routes', async () => {
    const h = await household()
    const move = (status: string, cookie = worker) => api.call('POST', `/api/v1/aid/households/${h.id}/status`, { cookie, body: { status, reason: '入户核实' } })
    const skip = await move('monitored')
    expect(skip.status).toBe(422)
    expect(skip.json.error.code).toBe('transition_not_allowed')
    expect((await move('assisted')).status).toBe(200)
    // Exit has rules of its own (stable income, checklist, approval, notice): see exit.test.ts.
    for (const [status, cookie] of [['exit_proposed', worker], ['exited', leader]] as const) {
      const r = await move(status, cookie)
      expect(r.status).toBe(422)
      expect(r.json.error.code).toBe('use_exit_flow')
    }
    const done = AidHouseholdDetail.parse((await api.call('GET', `/api/v1/aid/households/${h.id}`, { cookie: worker })).json)
    expect(done.statusHistory.map((s) => s.to)).toEqual(['identified', 'assisted'])
  })

  it('changes a pairing by ending the old one: history newest first', async () => {
    const h = await household()
    const first = await api.call('POST', `/api/v1/aid/households/${h.id}/pairings`, { cookie: worker, body: { partnerId: partnerA, responsibleName: '李明', responsiblePhone: '13900001111' } })
    expect(first.status, first.text).toBe(201)
    expect(AidPairing.parse(first.json)).toMatchObject({ partnerName: '成都示例茶业有限公司', responsiblePhoneMasked: '139****1111', endedAt: null })
    clock.advance(60_000)
    const second = await api.call('POST', `/api/v1/aid/households/${h.id}/pairings`, { cookie: leader, body: { partnerId: partnerB, responsibleName: '张华', endReason: '企业调整帮扶对象' } })
    expect(second.status).toBe(201)
    const history = await api.call('GET', `/api/v1/aid/households/${h.id}/pairings`, { cookie: worker })
    const items = history.json.items.map((p: unknown) => AidPairing.parse(p))
    expect(items.map((p: AidPairing) => [p.partnerId, p.endReason])).toEqual([
      [partnerB, null],
      [partnerA, '企业调整帮扶对象'],
    ])
    expect(items[1].endedAt).toBe(items[0].startedAt)
    const detail = AidHouseholdDetail.parse((await api.call('GET', `/api/v1/aid/households/${h.id}`, { cookie: worker })).json)
    expect(detail.pairing?.partnerId).toBe(partnerB)
    const unknown = await api.call('POST', `/api/v1/aid/households/${h.id}/pairings`, { cookie: worker, body: { partnerId: 'nope', responsibleName: '某人' } })
    expect(unknown.status).toBe(422)
  })

  it('answers bad input with 400 or 422 in the error shape and writes nothing', async () => {
    const before = await aidCounts(ctx())
    const cases: [Record<string, unknown>, number][] = [
      [newHousehold(village.id, { landCultivatedMu: 3.5 }), 400],
      [newHousehold(village.id, { secondaryCauses: ['illness'] }), 400],
      [newHousehold(village.id, { secondaryCauses: ['education', 'disaster', 'other'] }), 400],
      [newHousehold(village.id, { mainCause: 'bad_luck' }), 400],
      [newHousehold(township.id), 422],
      [newHousehold(village.id, { members: [newMember({ relation: 'head' }), newMember({ relation: 'head' })] }), 422],
      [newHousehold(village.id, { members: [newMember({ birthDate: '2099-01-01' })] }), 422],
      [newHousehold(village.id, { assignedWorkerId: 'nobody' }), 422],
    ]
    for (const [body, status] of cases) {
      const r = await api.call('POST', '/api/v1/aid/households', { cookie: worker, body })
      expect(r.status, r.text).toBe(status)
      ErrorBody.parse(r.json)
    }
    const malformed = await api.call('POST', '/api/v1/aid/households', { cookie: worker, raw: '{"placeId":' })
    expect(malformed.status).toBe(400)
    expect(await aidCounts(ctx())).toEqual(before)
    // The counter gave its numbers back: the next code follows the last one made.
    const last = (await api.call('GET', '/api/v1/aid/households?limit=200', { cookie: worker })).json.items.at(-1).code
    const next = await household()
    expect(Number(next.code.slice(3))).toBe(Number(last.slice(3)) + 1)
  })

  it('refuses other roles with 403 and another team with 404', async () => {
    const h = await household()
    for (const cookie of [volunteer, counter]) {
      expect((await api.call('GET', '/api/v1/aid/households', { cookie })).status).toBe(403)
      expect((await api.call('GET', `/api/v1/aid/households/${h.id}`, { cookie })).status).toBe(403)
      expect((await api.call('POST', '/api/v1/aid/households', { cookie, body: newHousehold(village.id) })).status).toBe(403)
      expect((await api.call('POST', '/api/v1/aid/places', { cookie, body: { level: 'county', name: '某县' } })).status).toBe(403)
    }
    expect((await api.call('GET', '/api/v1/aid/households')).status).toBe(401)
    expect((await api.call('GET', `/api/v1/aid/households/${h.id}`, { cookie: outsider })).status).toBe(404)
    expect((await api.call('PATCH', `/api/v1/aid/households/${h.id}`, { cookie: outsider, body: { baseVersion: 1, safeWater: false } })).status).toBe(404)
    expect((await api.call('GET', `/api/v1/aid/households/${h.id}/pairings`, { cookie: outsider })).status).toBe(404)
    expect((await api.call('POST', `/api/v1/aid/households/${h.id}/reveal`, { cookie: outsider, body: { field: 'bank_account', reason: '核对账户' } })).status).toBe(404)
    expect((await api.call('POST', `/api/v1/aid/households/${h.id}/members`, { cookie: outsider, body: newMember() })).status).toBe(404)
    expect((await api.call('PATCH', `/api/v1/aid/members/${h.members[0]!.id}`, { cookie: outsider, body: { baseVersion: 1, monthsAway: 1 } })).status).toBe(404)
    expect((await api.call('GET', '/api/v1/aid/households', { cookie: outsider })).json.items).toEqual([])
  })

  it('replays a create with the same Idempotency-Key', async () => {
    const body = newHousehold(village.id)
    const headers = { 'idempotency-key': 'aid-create-0001' }
    const a = await api.call('POST', '/api/v1/aid/households', { cookie: worker, body, headers })
    const b = await api.call('POST', '/api/v1/aid/households', { cookie: worker, body, headers })
    expect(a.status).toBe(201)
    expect(b.json.id).toBe(a.json.id)
    expect(b.headers.get('idempotent-replayed')).toBe('true')
  })
})
