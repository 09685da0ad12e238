import ExcelJS from 'exceljs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { HOURS_EXPORT_COLUMNS, ROSTER_EXPORT_COLUMNS } from '@chayi/domain'
import { describeEachDialect } from '@chayi/db/testing'
import { newId } from '../../ids.js'
import { createTestApi } from '../../testing.js'
import { addVolunteer, insertActivity, insertAttendanceEntry } from '../../hours/fixtures.js'

const URL_EXPORT = '/api/v1/volunteers/export'

describeEachDialect('volunteer roster and hours export', (ctx) => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  let team: { id: string; code: string; name: string }
  let admin: string
  let staff: string
  let volunteer: Awaited<ReturnType<typeof addVolunteer>>
  let other: Awaited<ReturnType<typeof addVolunteer>>

  beforeAll(async () => {
    api = await createTestApi(ctx())
    team = await api.makeTeam('chayi')
    admin = await api.signIn((await api.makeUser(team.id, ['admin'])).username!)
    staff = await api.signIn((await api.makeUser(team.id, ['care_staff'])).username!)
    volunteer = await addVolunteer(api, team, { realName: '王秀兰' })
    other = await addVolunteer(api, team, { realName: '李志愿' })
    await addVolunteer(api, team, { realName: '待审核', status: 'pending' })
    const tea = await insertActivity(api, team.id, { title: '茶义仓整理', startsAt: '2026-11-20T01:00:00.000Z', endsAt: '2026-11-20T05:00:00.000Z' })
    const oct = await insertActivity(api, team.id, { title: '十月评书', project: 'elder_storytelling', startsAt: '2026-10-08T01:00:00.000Z', endsAt: '2026-10-08T04:00:00.000Z' })
    await insertAttendanceEntry(api, { teamId: team.id, activity: tea, volunteerId: volunteer.id, minutes: 150, status: 'approved' })
    await insertAttendanceEntry(api, { teamId: team.id, activity: oct, volunteerId: volunteer.id, minutes: 90, status: 'approved' })
    // Pending hours are not filed; a reversed entry nets to nothing and is left out.
    await insertAttendanceEntry(api, { teamId: team.id, activity: tea, volunteerId: other.id, minutes: 60, status: 'pending' })
    const reversed = await insertAttendanceEntry(api, { teamId: team.id, activity: oct, volunteerId: other.id, minutes: 120, status: 'approved' })
    await api.deps.db
      .insertInto('hourEntries')
      .values({ ...reversed, id: newId(), attendanceId: null, minutes: -120, source: 'reversal', reverses: reversed.id })
      .execute()
  })
  afterAll(() => api.close())

  const logRows = () => ctx().db.selectFrom('accessLog').selectAll().where('teamId', '=', team.id).where('reason', '=', 'export').execute()

  async function download(query: string, cookie = admin) {
    const res = await api.app.request(`${URL_EXPORT}${query}`, { headers: { cookie } })
    return { res, bytes: Buffer.from(await res.arrayBuffer()) }
  }

  it('exports approved hours as .xlsx with Chinese headers, English in a second sheet, whole ID numbers, and logs the access', async () => {
    const before = (await logRows()).length
    const { res, bytes } = await download('?format=xlsx')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="volunteer-hours_\d{4}-\d{2}-\d{2}\.xlsx"/)
    expect(res.headers.get('cache-control')).toBe('no-store')

    const book = new ExcelJS.Workbook()
    await book.xlsx.load(bytes as unknown as ArrayBuffer)
    const [sheet, legend] = book.worksheets
    expect(sheet!.name).toBe('志愿服务时长')
    expect((sheet!.getRow(1).values as unknown[]).slice(1)).toEqual(['姓名', '证件类型', '证件号码', '志愿者编号', '活动名称', '服务日期', '服务时长（小时）', '组织单位'])
    expect(legend!.getColumn(2).values.slice(2)).toEqual(HOURS_EXPORT_COLUMNS.map((c) => c.en))
    expect(sheet!.rowCount).toBe(3) // header + two days of 王秀兰; the pending and the reversed are left out
    const row = (sheet!.getRow(2).values as unknown[]).slice(1)
    expect(row).toEqual(['王秀兰', '居民身份证', volunteer.idNumber, expect.stringMatching(/^CHAYI-\d{6}$/), '十月评书', '2026-10-08', 1.5, team.name])
    expect((sheet!.getRow(3).values as unknown[]).slice(1, 8)).toEqual(['王秀兰', '居民身份证', volunteer.idNumber, row[3], '茶义仓整理', '2026-11-20', 2.5])

    // One access-log row for the one volunteer whose whole ID number is in the file.
    const log = (await logRows()).slice(before)
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({ entity: 'volunteer', entityId: volunteer.id, field: 'id_number', reason: 'export' })
    const event = await ctx().db.selectFrom('ledgerEvents').select(['kind', 'payload']).where('teamId', '=', team.id).orderBy('seq', 'desc').executeTakeFirstOrThrow()
    expect(event.kind).toBe('volunteers.exported')
    expect(event.payload).not.toContain(volunteer.idNumber)
  })

  it('exports hours for a period as CSV, UTF-8 with a BOM', async () => {
    const { res, bytes } = await download('?format=csv&from=2026-11-01&to=2026-11-30', staff)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(/filename="volunteer-hours_2026-11-01~2026-11-30_\d{4}-\d{2}-\d{2}\.csv"/)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n')
    expect(lines[0]).toBe(HOURS_EXPORT_COLUMNS.map((c) => c.zh).join(','))
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatch(new RegExp(`^王秀兰,居民身份证,${volunteer.idNumber},CHAYI-\\d{6},茶义仓整理,2026-11-20,2.5,`))
  })

  it('exports the roster with every volunteer, and logs each whole ID number', async () => {
    const before = (await logRows()).length
    const { res, bytes } = await download('?kind=roster&format=xlsx')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/filename="volunteer-roster_/)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(bytes as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]!
    expect(sheet.name).toBe('志愿者名册')
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(ROSTER_EXPORT_COLUMNS.map((c) => c.zh))
    expect(sheet.rowCount).toBe(4)
    const names = [2, 3, 4].map((n) => sheet.getRow(n).getCell(1).value)
    expect(names).toEqual(expect.arrayContaining(['王秀兰', '李志愿', '待审核']))
    const wang = [2, 3, 4].map((n) => sheet.getRow(n)).find((r) => r.getCell(1).value === '王秀兰')!
    expect(wang.getCell(3).value).toBe(volunteer.idNumber)
    expect(wang.getCell(8).value).toBe('在册')
    expect((await logRows()).length - before).toBe(3)

    const csv = await download('?kind=roster&format=csv')
    expect(csv.bytes.subarray(3).toString('utf8').split('\r\n')[0]).toBe(ROSTER_EXPORT_COLUMNS.map((c) => c.zh).join(','))
  })

  it('refuses a volunteer (403), no session (401) and a bad query (400)', async () => {
    const before = (await logRows()).length
    expect((await download('?format=csv', volunteer.cookie)).res.status).toBe(403)
    expect((await api.call('GET', `${URL_EXPORT}?format=csv`)).status).toBe(401)
    expect((await api.call('GET', `${URL_EXPORT}?format=pdf`, { cookie: admin })).status).toBe(400)
    const backwards = await api.call('GET', `${URL_EXPORT}?from=2026-12-01&to=2026-11-01`, { cookie: admin })
    expect(backwards.status).toBe(400)
    expect(backwards.json.error.issues[0].path).toBe('to')
    expect((await logRows()).length).toBe(before)
  })
})
