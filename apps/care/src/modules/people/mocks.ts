import {
  ImportRequest,
  ImportResponse,
  ImportRow,
  JoinDecision,
  maskIdNumber,
  maskPhone,
  page,
  registrationAgeCheck,
  VolunteerListQuery,
  VolunteerProfile,
  type ImportRowResult,
} from '@chayi/domain'
import { fail, http, respond, type MockState, type z } from '@chayi/testing/msw'
import type { MockHandlerFactory } from '../module'
import { apiV1, callerOf } from '../mock-kit'

/** Mock API for the `people` screens (dev and tests), checked against the domain schemas like ../../mocks.ts. */

const TEAM_VIEWERS = ['admin', 'leader']
const VOLUNTEER_OFFICE = ['admin', 'leader', 'care_staff']

/** A volunteer as the mock keeps them: the answer's fields plus what duplicate checks need (never answered). */
type MockVolunteer = VolunteerProfile & { idKey: string; wholePhone: string }

const invalid = (error: z.ZodError, where = 'body') =>
  fail(400, 'invalid_request', `The ${where} is not valid.`, error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })))

const SEED: [string, string, string, 'female' | 'male', string, VolunteerProfile['status'], string][] = [
  ['王秀兰', '13900000101', '510104196203081526', 'female', '1962-03-08', 'active', 'resident'],
  ['李建国', '13900000102', '510104197011023617', 'male', '1970-11-02', 'active', 'party_member'],
  ['陈静', '13800001234', '510104198805164429', 'female', '1988-05-16', 'active', 'enterprise_employee'],
  ['刘洋', '13700005678', '510104199509210035', 'male', '1995-09-21', 'active', 'community_worker'],
  ['赵雪梅', '13600002468', '510104197712124820', 'female', '1977-12-12', 'left', 'resident'],
  ['孙浩然', '13500001357', '510104200203150019', 'male', '2002-03-15', 'pending', 'enterprise_employee'],
  ['周晓燕', '13900008642', '510104199112300046', 'female', '1991-12-30', 'pending', 'resident'],
]

function seed(teamId: string): MockVolunteer[] {
  let n = 0
  return SEED.map(([realName, phone, idNumber, gender, birthDate, status, kind], i) => {
    const active = status === 'active' || status === 'left'
    return {
      id: `01900000-0000-7000-8000-0000000002${String(i).padStart(2, '0')}`,
      teamId,
      userId: `01900000-0000-7000-8000-0000000003${String(i).padStart(2, '0')}`,
      realName,
      phone: maskPhone(phone),
      idType: 'resident_id',
      idNumberMasked: maskIdNumber(idNumber),
      gender,
      birthDate,
      ageBand: null,
      affiliations: [{ kind: kind as 'resident' }],
      skills: [],
      availability: '',
      status,
      volunteerNumber: active ? `XINGFU-${String(++n).padStart(6, '0')}` : null,
      registeredAt: `2026-0${1 + (i % 9)}-0${1 + (i % 9)}T02:00:00.000Z`,
      joinedAt: status === 'active' ? `2026-0${1 + (i % 9)}-1${i % 9}T02:00:00.000Z` : null,
      decisionNote: null,
      idKey: `resident_id:${idNumber}`,
      wholePhone: phone,
    }
  })
}

const profile = (v: MockVolunteer): VolunteerProfile => {
  const { idKey: _k, wholePhone: _p, ...rest } = v
  return rest
}

export const peopleHandlers: MockHandlerFactory = (getState: () => MockState, opts) => {
  const v1 = apiV1(opts)
  let rows: MockVolunteer[] | null = null
  let numbers = 0
  /** Reset with the world: a test's fresh state gets a fresh roster. */
  let forState: MockState | null = null
  const roster = () => {
    const s = getState()
    if (!rows || forState !== s) {
      rows = seed(s.team.id)
      numbers = rows.filter((r) => r.volunteerNumber).length
      forState = s
    }
    return rows
  }
  const caller = callerOf(getState)
  const nextId = (prefix: string) => `01900000-0000-7000-${prefix}-${(Date.now() * 1000 + Math.floor(Math.random() * 1000)).toString(16).padStart(12, '0').slice(-12)}`

  return [
    http.get(v1('/volunteers'), ({ request }) => {
      const who = caller(TEAM_VIEWERS)
      if (who instanceof Response) return who
      const q = VolunteerListQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams))
      if (!q.success) return invalid(q.error, 'query string')
      const all = roster()
        .filter((v) => !q.data.status || v.status === q.data.status)
        .filter((v) => !q.data.cursor || v.id > q.data.cursor)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
      const items = all.slice(0, q.data.limit).map(profile)
      return respond(page(VolunteerProfile), { items, nextCursor: all.length > q.data.limit ? items[items.length - 1]!.id : null })
    }),

    http.post(v1('/volunteers/:id/decision'), async ({ request, params }) => {
      const who = caller(TEAM_VIEWERS)
      if (who instanceof Response) return who
      const b = JoinDecision.safeParse(await request.json().catch(() => undefined))
      if (!b.success) return invalid(b.error)
      const v = roster().find((x) => x.id === params.id)
      if (!v) return fail(404, 'not_found', 'Volunteer not found.')
      if (v.status !== 'pending') return fail(409, 'already_decided', `This registration was already decided (${v.status}).`)
      const now = getState().now().toISOString()
      if (b.data.approve) Object.assign(v, { status: 'active', volunteerNumber: v.volunteerNumber ?? `XINGFU-${String(++numbers).padStart(6, '0')}`, joinedAt: now, decisionNote: b.data.note ?? null })
      else Object.assign(v, { status: 'rejected', decisionNote: b.data.note ?? null })
      return respond(VolunteerProfile, profile(v))
    }),

    // As the server: each row checked on its own, in order, duplicates within the team refused.
    http.post(v1('/volunteers/import'), async ({ request }) => {
      const who = caller(VOLUNTEER_OFFICE)
      if (who instanceof Response) return who
      const b = ImportRequest.safeParse(await request.json().catch(() => undefined))
      if (!b.success) return invalid(b.error)
      const s = getState()
      const results: ImportRowResult[] = []
      for (const raw of b.data.rows) {
        const parsed = ImportRow.safeParse(raw)
        if (!parsed.success) {
          results.push({ rowNumber: raw.rowNumber, ok: false, code: 'invalid_request', message: 'The row is not valid.', issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) })
          continue
        }
        const r = parsed.data
        const age = registrationAgeCheck(r, s.now())
        if (!age.ok) {
          const code = age.code === 'birth_date_in_future' ? 'invalid_request' : age.code
          results.push({ rowNumber: r.rowNumber, ok: false, code, message: age.message, issues: [{ path: age.path, message: age.message }] })
          continue
        }
        const idKey = `${r.idType}:${r.idNumber.toUpperCase()}`
        if (roster().some((v) => v.idKey === idKey)) {
          results.push({ rowNumber: r.rowNumber, ok: false, code: 'already_registered', message: 'This ID number is already registered with the team.', issues: [] })
          continue
        }
        const phoneTaken = s.users.some((u) => u.user.phone === r.phone) || roster().some((v) => v.wholePhone === r.phone)
        if (phoneTaken) {
          results.push({ rowNumber: r.rowNumber, ok: false, code: 'login_taken', message: 'That username or phone number is already registered.', issues: [] })
          continue
        }
        const now = s.now().toISOString()
        const v: MockVolunteer = {
          id: nextId('8000'),
          teamId: s.team.id,
          userId: nextId('9000'),
          realName: r.realName,
          phone: maskPhone(r.phone),
          idType: r.idType,
          idNumberMasked: maskIdNumber(r.idNumber),
          gender: r.gender,
          birthDate: r.birthDate,
          ageBand: null,
          affiliations: r.affiliations,
          skills: r.skills,
          availability: r.availability,
          status: b.data.approve ? 'active' : 'pending',
          volunteerNumber: b.data.approve ? `XINGFU-${String(++numbers).padStart(6, '0')}` : null,
          registeredAt: now,
          joinedAt: b.data.approve ? now : null,
          decisionNote: b.data.approve ? '名册导入' : null,
          idKey,
          wholePhone: r.phone,
        }
        roster().push(v)
        results.push({ rowNumber: r.rowNumber, ok: true, volunteerId: v.id, volunteerNumber: v.volunteerNumber })
      }
      return respond(ImportResponse, { results })
    }),

    // The file itself is the server's work; the mock answers a small CSV so a dev download does something.
    http.get(v1('/volunteers/export'), () => {
      const who = caller(VOLUNTEER_OFFICE)
      if (who instanceof Response) return who
      return new Response('\uFEFF姓名,证件类型,证件号码\r\n', { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="volunteer-export-mock.csv"' } })
    }),
  ]
}
