// The mock API of the care register (dev mode and tests): beneficiaries, consents, reveals, status
// changes and care cards, as packages/api/src/care/*.ts answers them — the same roles, codes and
// field paths, and every body through `respond(schema, …)` with the domain's own schemas. Values
// are kept in plain text here (a mock has nothing to protect); what goes out is masked as the
// server masks it. Each mock world (MockState) has its own register, so a test's reset starts over.
import {
  ageOn,
  Beneficiary,
  BeneficiaryChange,
  BeneficiaryConsent,
  BeneficiaryConsentInput,
  BeneficiaryDetail,
  BeneficiaryFieldList,
  BeneficiaryListQuery,
  BeneficiaryRevealRequest,
  BeneficiaryStatusChange,
  CareCard,
  CareCardIssue,
  CareCardRevoke,
  careCardPath,
  consentScopeOf,
  ConsentWithdrawal,
  cupKindsOf,
  ELDERLY_KINDS,
  ELDERLY_MIN_AGE,
  formatCareCardNumber,
  idNumberCheckCharacter,
  idNumberMatchesBirthDate,
  maskIdNumber,
  maskName,
  maskPhone,
  NewBeneficiary,
  page,
  PrintableCareCard,
  RevealedBeneficiaryFields,
  type BeneficiaryContact,
  type BeneficiaryField,
  type BeneficiaryKind,
  type BeneficiaryStatus,
  type BeneficiaryStatusEntry,
  type ConsentScope,
  type DisabilityRecord,
  type Gender,
  type LivingSituation,
  type MaskedField,
  type Role,
} from '@chayi/domain'
import { fail, http, respond, z, type MockState, type MockUser } from '@chayi/testing/msw'
import type { MockHandlerFactory } from '../module'
import { apiV1, callerOf } from '../mock-kit'

const REGISTER: Role[] = ['care_staff', 'admin']
const LISTERS: Role[] = ['care_staff', 'admin', 'leader']
const STARS = '******'
const STORE_KEY = 'chayi.mock.care.register'

interface Person {
  id: string
  teamId: string
  kinds: BeneficiaryKind[]
  name: string
  gender: Gender
  birthDate: string
  community: string
  livingSituation: LivingSituation
  address: string | null
  phone: string | null
  emergencyContact: BeneficiaryContact | null
  idNumber: string | null
  disability: DisabilityRecord | null
  healthNotes: string | null
  monthlyIncomeFen: number | null
  status: BeneficiaryStatus
  statusChangedAt: string
  createdAt: string
  updatedAt: string
}
type Consent = BeneficiaryConsent & { givenByFullName: string | null }
type Card = CareCard & { token: string; teamId: string }
type HistoryEntry = BeneficiaryStatusEntry & { beneficiaryId: string }
export interface AccessLogLine {
  id: string
  actor: string
  entityId: string
  field: BeneficiaryField
  reason: string
  at: string
}
export interface RegisterStore {
  people: Person[]
  consents: Consent[]
  cards: Card[]
  history: HistoryEntry[]
  accessLog: AccessLogLine[]
  cardSeq: number
}

let seq = 0
/** Time-ordered ids that sort after the seeded ones, as the server's UUIDv7. */
const newId = () => `01900000-0000-7000-9b00-${(Date.now() * 100 + (seq++ % 100)).toString(16).padStart(12, '0')}`
const seedId = (n: number) => `01900000-0000-7000-8b00-${n.toString(16).padStart(12, '0')}`

/** A valid resident ID number for a birth date (Chengdu Jinjiang area code). */
export function mockIdNumber(birthDate: string, n: number): string {
  const first17 = `510104${birthDate.replace(/-/g, '')}${String(n % 1000).padStart(3, '0')}`
  return first17 + idNumberCheckCharacter(first17)
}

const SEED: Omit<Person, 'id' | 'teamId' | 'status' | 'statusChangedAt' | 'createdAt' | 'updatedAt' | 'idNumber'>[] = [
  { kinds: ['elderly', 'disabled'], name: '张桂兰', gender: 'female', birthDate: '1948-03-09', community: '幸福社区', livingSituation: 'alone', address: '幸福路12号3栋2单元', phone: '13740001234', emergencyContact: { name: '李建华', relation: '儿子', phone: '13650001111' }, disability: { category: 'physical', grade: 'grade_2', certificateNumber: '51010419480309224' }, healthNotes: '高血压二级，每日服药；慢阻肺病史', monthlyIncomeFen: 187_300 },
  { kinds: ['empty_nest_elderly'], name: '王德明', gender: 'male', birthDate: '1941-11-23', community: '幸福社区', livingSituation: 'with_spouse', address: '幸福路8号1栋', phone: '028-85551234', emergencyContact: { name: '王丽', relation: '女儿', phone: '13980002222' }, disability: null, healthNotes: '糖尿病，需定期测血糖', monthlyIncomeFen: 256_000 },
  { kinds: ['disabled', 'low_income'], name: '刘小军', gender: 'male', birthDate: '1979-06-15', community: '红星社区', livingSituation: 'with_others', address: '红星街21号', phone: '13811112222', emergencyContact: { name: '刘大伟', relation: '哥哥', phone: '13822223333' }, disability: { category: 'intellectual', grade: 'grade_3', certificateNumber: null }, healthNotes: null, monthlyIncomeFen: 98_000 },
  { kinds: ['elderly'], name: '陈秀英', gender: 'female', birthDate: '1936-02-02', community: '幸福社区', livingSituation: 'in_care', address: '幸福养老院', phone: null, emergencyContact: { name: '陈志强', relation: '侄子', phone: '13933334444' }, disability: null, healthNotes: '行动不便，需轮椅', monthlyIncomeFen: null },
  { kinds: ['elderly', 'empty_nest_elderly', 'low_income'], name: '赵淑芬', gender: 'female', birthDate: '1945-08-30', community: '红星社区', livingSituation: 'alone', address: '红星街3号2单元', phone: '13544445555', emergencyContact: null, disability: null, healthNotes: null, monthlyIncomeFen: 120_000 },
  { kinds: ['disabled'], name: '孙文博', gender: 'male', birthDate: '1990-04-18', community: '幸福社区', livingSituation: 'with_children', address: '幸福路30号', phone: '13655556666', emergencyContact: { name: '孙丽', relation: '妻子', phone: '13666667777' }, disability: { category: 'visual', grade: 'grade_1', certificateNumber: '51010419900418001' }, healthNotes: null, monthlyIncomeFen: null },
  { kinds: ['elderly'], name: '周玉珍', gender: 'female', birthDate: '1950-12-01', community: '东风社区', livingSituation: 'with_children', address: '东风路5号', phone: '13777778888', emergencyContact: null, disability: null, healthNotes: null, monthlyIncomeFen: null },
  { kinds: ['elderly', 'disabled'], name: '吴国强', gender: 'male', birthDate: '1944-05-20', community: '东风社区', livingSituation: 'with_spouse', address: '东风路17号', phone: '13888889999', emergencyContact: { name: '吴敏', relation: '女儿', phone: '13899990000' }, disability: { category: 'hearing', grade: 'grade_3', certificateNumber: '51010419440520003' }, healthNotes: '听力差，请当面说话', monthlyIncomeFen: 210_000 },
]

/** The register a fresh mock world starts with: eight neighbours, most under a full consent, two with cards. */
export function seedRegister(state: MockState): RegisterStore {
  const teamId = state.team.id
  const at = '2026-01-05T02:00:00.000Z'
  const store: RegisterStore = { people: [], consents: [], cards: [], history: [], accessLog: [], cardSeq: 0 }
  SEED.forEach((p, i) => {
    const id = seedId(i + 1)
    store.people.push({ ...p, id, teamId, idNumber: mockIdNumber(p.birthDate, i + 1), status: i === 6 ? 'paused' : 'active', statusChangedAt: at, createdAt: at, updatedAt: at })
    store.history.push({ id: seedId(100 + i), beneficiaryId: id, from: null, to: 'active', reason: 'registered', actor: '刘芳', at })
    if (i === 6) store.history.push({ id: seedId(200 + i), beneficiaryId: id, from: 'active', to: 'paused', reason: '住院治疗', actor: '刘芳', at: '2026-01-10T02:00:00.000Z' })
    // 赵淑芬 (index 4) has no consent: her sensitive fields are hidden.
    if (i !== 4) {
      store.consents.push({
        id: seedId(300 + i),
        beneficiaryId: id,
        scope: ['id_number', 'disability', 'health', 'income'],
        version: '2026-v1',
        givenBy: i === 3 ? { kind: 'guardian', name: maskName('陈志强') } : { kind: 'self', name: null },
        givenByFullName: i === 3 ? '陈志强' : null,
        givenAt: '2026-01-05T01:00:00.000Z',
        recordedAt: at,
        recordedBy: '刘芳',
        status: 'active',
        withdrawnAt: null,
        withdrawnBy: null,
        withdrawReason: null,
      })
    }
  })
  for (const p of store.people.slice(0, 2)) issue(store, state, p.id, '刘芳', at)
  return store
}

function issue(store: RegisterStore, state: MockState, beneficiaryId: string, actor: string, at: string, reason?: string): Card {
  const id = newId()
  const active = store.cards.find((c) => c.beneficiaryId === beneficiaryId && c.status === 'active')
  if (active) Object.assign(active, { status: 'replaced', endedAt: at, endedBy: actor, endReason: reason ?? 'replaced', replacedBy: id })
  const card: Card = {
    id,
    teamId: state.team.id,
    beneficiaryId,
    number: formatCareCardNumber(state.team.code, ++store.cardSeq),
    token: Array.from(crypto.getRandomValues(new Uint8Array(18)), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[b % 64]).join(''),
    status: 'active',
    issuedAt: at,
    issuedBy: actor,
    endedAt: null,
    endedBy: null,
    endReason: null,
    replacedBy: null,
  }
  store.cards.push(card)
  return card
}

const stores = new WeakMap<MockState, RegisterStore>()

/** The register of a mock world (made on first use); tests read it to check what was written. */
export function registerStoreOf(state: MockState, storage?: Pick<Storage, 'getItem'>): RegisterStore {
  let store = stores.get(state)
  if (!store) {
    const saved = storage?.getItem(STORE_KEY)
    store = saved ? (JSON.parse(saved) as RegisterStore) : seedRegister(state)
    stores.set(state, store)
  }
  return store
}

const invalid = (error: z.ZodError) =>
  fail(400, 'invalid_request', 'The body is not valid.', error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })))
const json = async (request: Request) => (await request.json().catch(() => undefined)) as unknown
const IdParam = z.string().min(1).max(64)

function ageOf(birthDate: string, now: Date): number | null {
  try {
    return ageOn(birthDate, now)
  } catch {
    return null
  }
}

function scopesOf(store: RegisterStore, beneficiaryId: string): Set<ConsentScope> {
  return new Set(store.consents.filter((c) => c.beneficiaryId === beneficiaryId && c.status === 'active').flatMap((c) => c.scope))
}

function maskedField(field: BeneficiaryField, value: unknown, scopes: Set<ConsentScope>, staff: boolean, mask: () => string): MaskedField {
  const scope = consentScopeOf(field)
  if (scope && !scopes.has(scope)) return { masked: null, hidden: 'no_consent' }
  if (!staff) return { masked: null, hidden: 'role' }
  return { masked: value === null || value === undefined ? null : mask(), hidden: null }
}

/** A person as the API shows them to a caller with this view (masks only). */
function present(store: RegisterStore, p: Person, staff: boolean, now: Date): Beneficiary {
  const scopes = scopesOf(store, p.id)
  const card = store.cards.find((c) => c.beneficiaryId === p.id && c.status === 'active')
  const contact = staff ? p.emergencyContact : null
  return {
    id: p.id,
    teamId: p.teamId,
    view: staff ? 'staff' : 'masked',
    kinds: p.kinds,
    name: staff ? p.name : maskName(p.name),
    gender: p.gender,
    birthDate: staff ? p.birthDate : null,
    age: ageOf(p.birthDate, now),
    community: p.community,
    livingSituation: p.livingSituation,
    phoneMasked: p.phone === null ? null : maskPhone(p.phone),
    addressMasked: p.address === null ? null : `${p.community}${STARS}`,
    emergencyContact: contact && { name: maskName(contact.name), relation: contact.relation, phoneMasked: maskPhone(contact.phone) },
    sensitive: {
      idNumber: maskedField('id_number', p.idNumber, scopes, staff, () => maskIdNumber(p.idNumber!)),
      disability: maskedField('disability', p.disability, scopes, staff, () => (p.disability!.certificateNumber ? maskIdNumber(p.disability!.certificateNumber) : STARS)),
      healthNotes: maskedField('health_notes', p.healthNotes, scopes, staff, () => STARS),
      income: maskedField('income', p.monthlyIncomeFen, scopes, staff, () => STARS),
    },
    consentScopes: [...scopes].sort(),
    status: p.status,
    statusChangedAt: p.statusChangedAt,
    card: card ? { id: card.id, number: card.number } : null,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  }
}

const detailOf = (store: RegisterStore, p: Person, now: Date) => ({
  ...present(store, p, true, now),
  statusHistory: store.history.filter((h) => h.beneficiaryId === p.id).map(({ beneficiaryId: _b, ...h }) => h),
})
const consentOut = ({ givenByFullName: _n, ...c }: Consent) => c
const cardOut = ({ token: _t, teamId: _team, ...c }: Card) => c

const SENSITIVE_INPUT = [
  { field: 'id_number', key: 'idNumber' },
  { field: 'disability', key: 'disability' },
  { field: 'health_notes', key: 'healthNotes' },
  { field: 'income', key: 'monthlyIncomeFen' },
] as const

/** As the server's checkAgeRules: a 400 for a birth date after today, 422 not_elderly under 60. */
function ageRefusal(kinds: readonly BeneficiaryKind[], birthDate: string, now: Date): Response | null {
  const age = ageOf(birthDate, now)
  if (age === null) return fail(400, 'invalid_request', 'The body is not valid.', [{ path: 'birthDate', message: 'is in the future' }])
  if (age < ELDERLY_MIN_AGE && kinds.some((k) => (ELDERLY_KINDS as readonly string[]).includes(k))) {
    return fail(422, 'not_elderly', `The elderly kinds are for people aged ${ELDERLY_MIN_AGE} or more.`, [{ path: 'kinds', message: `this person is ${age}` }])
  }
  return null
}

function consentRefusal(values: Record<string, unknown>, scopes: Set<ConsentScope>): Response | null {
  const issues = SENSITIVE_INPUT.filter(({ field, key }) => values[key] !== undefined && values[key] !== null && !scopes.has(consentScopeOf(field)!)).map(({ field, key }) => ({
    path: key,
    message: `no active consent covers "${consentScopeOf(field)}"`,
  }))
  return issues.length ? fail(422, 'no_consent', 'Sensitive information can only be stored under a consent that covers it.', issues) : null
}

const alreadyRegistered = () => fail(409, 'already_registered', 'A beneficiary with this ID number is already in the register.')

export const registerHandlers: MockHandlerFactory = (getState, opts) => {
  const v1 = apiV1(opts)
  const store = () => registerStoreOf(getState(), opts.storage)
  const persist = () => opts.storage?.setItem(STORE_KEY, JSON.stringify(store()))
  const now = () => getState().now()

  const caller = callerOf(getState)
  const personOf = (who: MockUser, id: unknown): Person | Response => {
    const p = IdParam.safeParse(id).success ? store().people.find((x) => x.id === id && x.teamId === who.user.teamId) : undefined
    return p ?? fail(404, 'not_found', 'Beneficiary not found.')
  }
  /**
   * A route on one beneficiary (`:id`) of the caller's team, for the register's roles: 401/403, then
   * 404 for no such person, then (with a `body` schema) the 400 for a body that fails it.
   */
  const onPerson = <S extends z.ZodType>(method: 'get' | 'post' | 'patch', path: string, body: S | null, run: (p: Person, b: z.infer<S>, who: MockUser) => Response) =>
    http[method](v1(path), async ({ params, request }) => {
      const who = caller(REGISTER)
      if (who instanceof Response) return who
      const p = personOf(who, params.id)
      if (p instanceof Response) return p
      if (!body) return run(p, undefined as z.infer<S>, who)
      const b = body.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      return run(p, b.data, who)
    })

  return [
    http.get(v1('/beneficiaries'), ({ request }) => {
      const who = caller(LISTERS)
      if (who instanceof Response) return who
      const q = BeneficiaryListQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams))
      if (!q.success) return invalid(q.error)
      const { kind, status, q: text, limit, cursor } = q.data
      const rows = store()
        .people.filter((p) => p.teamId === who.user.teamId)
        .filter((p) => (!kind || p.kinds.includes(kind)) && (!status || p.status === status) && (!text || p.name.toLowerCase().includes(text.toLowerCase())))
        .filter((p) => !cursor || p.id > cursor)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
      const items = rows.slice(0, limit)
      const staff = who.user.roles.some((r) => REGISTER.includes(r))
      return respond(page(Beneficiary), { items: items.map((p) => present(store(), p, staff, now())), nextCursor: rows.length > limit ? items.at(-1)!.id : null })
    }),

    http.post(v1('/beneficiaries'), async ({ request }) => {
      const who = caller(REGISTER)
      if (who instanceof Response) return who
      const b = NewBeneficiary.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      const input = b.data
      const at = now().toISOString()
      const refused =
        ageRefusal(input.kinds, input.birthDate, now()) ??
        (input.consent && input.consent.givenAt > at ? fail(400, 'invalid_request', 'The body is not valid.', [{ path: 'consent.givenAt', message: 'is in the future' }]) : null) ??
        consentRefusal(input, new Set(input.consent?.scope ?? []))
      if (refused) return refused
      const s = store()
      if (input.idNumber && s.people.some((p) => p.teamId === who.user.teamId && p.idNumber === input.idNumber)) return alreadyRegistered()
      const person: Person = {
        id: newId(),
        teamId: who.user.teamId,
        kinds: input.kinds,
        name: input.name,
        gender: input.gender,
        birthDate: input.birthDate,
        community: input.community,
        livingSituation: input.livingSituation,
        address: input.address ?? null,
        phone: input.phone ?? null,
        emergencyContact: input.emergencyContact ?? null,
        idNumber: input.idNumber ?? null,
        disability: input.disability ?? null,
        healthNotes: input.healthNotes ?? null,
        monthlyIncomeFen: input.monthlyIncomeFen ?? null,
        status: 'active',
        statusChangedAt: at,
        createdAt: at,
        updatedAt: at,
      }
      s.people.push(person)
      s.history.push({ id: newId(), beneficiaryId: person.id, from: null, to: 'active', reason: 'registered', actor: who.user.displayName, at })
      if (input.consent) s.consents.push(newConsent(person.id, input.consent, who, at))
      persist()
      return respond(Beneficiary, present(s, person, true, now()), { status: 201 })
    }),

    onPerson('get', '/beneficiaries/:id', null, (p) => respond(BeneficiaryDetail, detailOf(store(), p, now()))),

    onPerson('patch', '/beneficiaries/:id', BeneficiaryChange, (p, change) => {
      const kinds = change.kinds ?? p.kinds
      const birthDate = change.birthDate ?? p.birthDate
      const refusedAge = ageRefusal(kinds, birthDate, now())
      if (refusedAge) return refusedAge
      const idNumber = change.idNumber === undefined ? p.idNumber : change.idNumber
      if (idNumber && (change.idNumber || change.birthDate) && !idNumberMatchesBirthDate(idNumber, birthDate)) {
        return fail(400, 'invalid_request', 'The body is not valid.', [{ path: 'birthDate', message: 'does not match the birth date in the ID number' }])
      }
      const refused = consentRefusal(change, scopesOf(store(), p.id))
      if (refused) return refused
      if (change.idNumber && store().people.some((x) => x.id !== p.id && x.teamId === p.teamId && x.idNumber === change.idNumber)) return alreadyRegistered()
      Object.assign(p, Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)), { updatedAt: now().toISOString() })
      persist()
      return respond(Beneficiary, present(store(), p, true, now()))
    }),

    onPerson('post', '/beneficiaries/:id/status', BeneficiaryStatusChange, (p, b, who) => {
      if (p.status === b.status) return fail(409, 'status_unchanged', `This beneficiary is already ${b.status}.`)
      const at = now().toISOString()
      store().history.push({ id: newId(), beneficiaryId: p.id, from: p.status, to: b.status, reason: b.reason, actor: who.user.displayName, at })
      Object.assign(p, { status: b.status, statusChangedAt: at, updatedAt: at })
      if (b.status === 'left') {
        const card = store().cards.find((c) => c.beneficiaryId === p.id && c.status === 'active')
        if (card) Object.assign(card, { status: 'revoked', endedAt: at, endedBy: who.user.displayName, endReason: 'beneficiary_left' })
      }
      persist()
      return respond(BeneficiaryDetail, detailOf(store(), p, now()))
    }),

    onPerson('post', '/beneficiaries/:id/reveal', BeneficiaryRevealRequest, (p, b, who) => {
      const scopes = scopesOf(store(), p.id)
      const refused = b.fields.flatMap((f, i) => {
        const scope = consentScopeOf(f)
        return scope && !scopes.has(scope) ? [{ path: `fields.${i}`, message: `no active consent covers "${scope}"` }] : []
      })
      if (refused.length) return fail(422, 'no_consent', 'These fields are hidden: no active consent covers them.', refused)
      const out: RevealedBeneficiaryFields = { beneficiaryId: p.id, accessLogIds: [] }
      for (const field of b.fields) {
        const key = BeneficiaryFieldList.entry(field).key
        ;(out as Record<string, unknown>)[key] = p[key]
        const line: AccessLogLine = { id: newId(), actor: who.user.displayName, entityId: p.id, field, reason: b.reason, at: now().toISOString() }
        store().accessLog.push(line)
        out.accessLogIds.push(line.id)
      }
      persist()
      return respond(RevealedBeneficiaryFields, out)
    }),

    onPerson('get', '/beneficiaries/:id/consents', null, (p) => {
      const items = store()
        .consents.filter((c) => c.beneficiaryId === p.id)
        .sort((a, b) => (a.recordedAt === b.recordedAt ? (a.id < b.id ? 1 : -1) : a.recordedAt < b.recordedAt ? 1 : -1))
      return respond(page(BeneficiaryConsent), { items: items.map(consentOut), nextCursor: null })
    }),

    onPerson('post', '/beneficiaries/:id/consents', BeneficiaryConsentInput, (p, b, who) => {
      const at = now().toISOString()
      if (b.givenAt > at) return fail(400, 'invalid_request', 'The body is not valid.', [{ path: 'givenAt', message: 'is in the future' }])
      const c = newConsent(p.id, b, who, at)
      store().consents.push(c)
      persist()
      return respond(BeneficiaryConsent, consentOut(c), { status: 201 })
    }),

    http.post(v1('/consents/:id/withdraw'), async ({ params, request }) => {
      const who = caller(REGISTER)
      if (who instanceof Response) return who
      const b = ConsentWithdrawal.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      const c = store().consents.find((x) => x.id === params.id && store().people.some((p) => p.id === x.beneficiaryId && p.teamId === who.user.teamId))
      if (!c) return fail(404, 'not_found', 'Consent not found.')
      if (c.status === 'withdrawn') return fail(409, 'already_withdrawn', 'This consent was already withdrawn.')
      Object.assign(c, { status: 'withdrawn', withdrawnAt: now().toISOString(), withdrawnBy: who.user.displayName, withdrawReason: b.data.reason })
      persist()
      return respond(BeneficiaryConsent, consentOut(c))
    }),

    onPerson('get', '/beneficiaries/:id/cards', null, (p) => {
      const items = store()
        .cards.filter((c) => c.beneficiaryId === p.id)
        .sort((a, b) => (a.issuedAt === b.issuedAt ? (a.id < b.id ? 1 : -1) : a.issuedAt < b.issuedAt ? 1 : -1))
      return respond(page(CareCard), { items: items.map(cardOut), nextCursor: null })
    }),

    onPerson('post', '/beneficiaries/:id/cards', CareCardIssue, (p, b, who) => {
      if (p.status !== 'active') return fail(422, 'beneficiary_not_active', `A card is issued to an active beneficiary only (this one is ${p.status}).`)
      const card = issue(store(), getState(), p.id, who.user.displayName, now().toISOString(), b.reason)
      persist()
      return respond(CareCard, cardOut(card), { status: 201 })
    }),

    http.post(v1('/cards/:id/revoke'), async ({ params, request }) => {
      const who = caller(REGISTER)
      if (who instanceof Response) return who
      const b = CareCardRevoke.safeParse(await json(request))
      if (!b.success) return invalid(b.error)
      const card = store().cards.find((c) => c.id === params.id && c.teamId === who.user.teamId)
      if (!card) return fail(404, 'not_found', 'Care card not found.')
      if (card.status !== 'active') return fail(409, 'card_not_active', `This card is already ${card.status}.`)
      Object.assign(card, { status: 'revoked', endedAt: now().toISOString(), endedBy: who.user.displayName, endReason: b.data.reason })
      persist()
      return respond(CareCard, cardOut(card))
    }),

    http.get(v1('/cards/:id/print'), ({ params, request }) => {
      const who = caller(REGISTER)
      if (who instanceof Response) return who
      const s = getState()
      const card = store().cards.find((c) => c.id === params.id && c.teamId === who.user.teamId)
      const p = card && store().people.find((x) => x.id === card.beneficiaryId)
      if (!card || !p) return fail(404, 'not_found', 'Care card not found.')
      return respond(PrintableCareCard, {
        cardId: card.id,
        number: card.number,
        status: card.status,
        qrUrl: `${new URL(request.url).origin}${careCardPath(card.token)}`,
        displayName: maskName(p.name),
        kinds: cupKindsOf(p.kinds),
        team: { name: s.team.name, community: s.team.community },
        issuedAt: card.issuedAt,
      })
    }),
  ]
}

function newConsent(beneficiaryId: string, input: z.output<typeof BeneficiaryConsentInput>, who: MockUser, at: string): Consent {
  return {
    id: newId(),
    beneficiaryId,
    scope: input.scope,
    version: input.version,
    givenBy: { kind: input.givenBy.kind, name: input.givenBy.name ? maskName(input.givenBy.name) : null },
    givenByFullName: input.givenBy.name ?? null,
    givenAt: input.givenAt,
    recordedAt: at,
    recordedBy: who.user.displayName,
    status: 'active',
    withdrawnAt: null,
    withdrawnBy: null,
    withdrawReason: null,
  }
}
