// The mock partners (爱心企业/爱心人士) for dev mode and the tests: the same routes, rules and error
// codes as packages/api/src/partners/*, kept per mock world. What a partner gave is read where it was
// recorded — the mock fund's income and the mock granary's donations of linked donors — never copied.
import {
  AidIntention,
  AidIntentionInput,
  AidIntentionStatusInput,
  ContributionSourceList,
  maskPhone,
  Partner,
  PartnerContributions,
  PartnerGranaryDonorInput,
  PartnerInput,
  PartnerPatch,
  type AidIntentionKind,
  type AidIntentionStatus,
  type ContributionLine,
  type PartnerKind,
} from '@chayi/domain'
import { respond, type MockState, type MockUser } from '@chayi/testing/msw'
import type { MockHandlerFactory } from '../module'
import { apiV1, mockRoutes, perWorld, Refusal, respondPage, storedWorld } from '../mock-kit'
import { incomeOfPartner } from '../fund/mocks'
import { granaryOf } from '../granary/mocks'

export interface PartnerRec {
  id: string
  name: string
  kind: PartnerKind
  contactName: string | null
  contactPhone: string | null
  industry: string | null
  note: string | null
  granaryDonorIds: string[]
  createdBy: string
  createdAt: string
  updatedAt: string
}
export interface IntentionRec {
  id: string
  partnerId: string
  kind: AidIntentionKind
  description: string
  amountFen: number | null
  quantity: number | null
  validUntil: string | null
  status: AidIntentionStatus
  createdBy: string
  createdAt: string
  closedBy: string | null
  closedAt: string | null
  closeNote: string | null
}
export interface PartnersWorld {
  seq: number
  partners: PartnerRec[]
  intentions: IntentionRec[]
}

const WRITERS = ['admin', 'care_staff'] as const
const READERS = ['admin', 'care_staff', 'leader', 'aid_worker'] as const
const STORE_KEY = 'chayi.mock.partners'
const DAY = 86_400_000
const chinaDay = (instant: Date | string) => new Date(new Date(instant).getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

const worlds = perWorld(seedPartners)

/** The partners of a mock world (made, with demo partners, on first use). */
export const partnersOf = (state: MockState): PartnersWorld => worlds.get(state)

const nextId = (w: PartnersWorld) => `01930000-0000-7000-8000-${(++w.seq).toString(16).padStart(12, '0')}`

function toPartner(w: PartnersWorld, p: PartnerRec, phone: 'masked' | 'whole'): Partner {
  return {
    ...p,
    contactPhone: p.contactPhone === null ? null : phone === 'whole' ? p.contactPhone : maskPhone(p.contactPhone),
    openIntentionCount: w.intentions.filter((i) => i.partnerId === p.id && i.status === 'open').length,
  }
}
const toIntention = (w: PartnersWorld, i: IntentionRec): AidIntention => ({ ...i, partnerName: w.partners.find((p) => p.id === i.partnerId)!.name })

function createPartner(w: PartnersWorld, who: string, at: string, input: PartnerInput): PartnerRec {
  if (w.partners.some((p) => p.kind === input.kind && p.name === input.name)) throw new Refusal(409, 'partner_exists', 'The team already has a partner of this kind and name.')
  const p: PartnerRec = {
    id: nextId(w),
    name: input.name,
    kind: input.kind,
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
    industry: input.industry ?? null,
    note: input.note || null,
    granaryDonorIds: [],
    createdBy: who,
    createdAt: at,
    updatedAt: at,
  }
  w.partners.push(p)
  return p
}

function addIntention(w: PartnersWorld, who: string, at: string, partnerId: string, input: AidIntentionInput): IntentionRec {
  if (!w.partners.some((p) => p.id === partnerId)) throw new Refusal(404, 'not_found', 'Partner not found.')
  if (input.validUntil && input.validUntil < chinaDay(at)) throw new Refusal(422, 'valid_until_past', 'An intention cannot end before today.', [{ path: 'validUntil', message: `before ${chinaDay(at)}` }])
  const i: IntentionRec = {
    id: nextId(w),
    partnerId,
    kind: input.kind,
    description: input.description,
    amountFen: input.amountFen ?? null,
    quantity: input.quantity ?? null,
    validUntil: input.validUntil ?? null,
    status: 'open',
    createdBy: who,
    createdAt: at,
    closedBy: null,
    closedAt: null,
    closeNote: null,
  }
  w.intentions.push(i)
  return i
}

function contributionsOf(state: MockState, w: PartnersWorld, p: PartnerRec): PartnerContributions {
  const fundLines: ContributionLine[] = incomeOfPartner(state, p.id).map(({ rec, reversed }) => ({ source: 'fund', id: rec.id, reference: rec.receiptNumber, at: rec.receivedAt, amountFen: rec.amountFen, reversed }))
  const g = granaryOf(state)
  const reversedIns = new Set(g.movements.filter((m) => m.reverses).map((m) => m.reverses))
  const granaryLines: ContributionLine[] = g.donations
    .filter((d) => d.donorId && p.granaryDonorIds.includes(d.donorId))
    .map((d) => {
      const inMove = g.movements.find((m) => m.kind === 'in' && m.donationId === d.id)
      return {
        source: 'granary',
        id: d.id,
        reference: d.receiptNumber,
        at: d.receivedAt,
        amountFen: g.lots.filter((l) => l.donationId === d.id).reduce((s, l) => s + l.quantity * l.unitValueFen, 0),
        reversed: inMove ? reversedIns.has(inMove.id) : false,
      }
    })
  const bySource = { fund: fundLines, granary: granaryLines } as const
  const sources = ContributionSourceList.codes.map((source) => {
    const lines = [...bySource[source]].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    const counted = lines.filter((l) => !l.reversed)
    return { source, count: counted.length, totalFen: counted.reduce((s, l) => s + l.amountFen, 0), lines }
  })
  void w
  return { partnerId: p.id, totalFen: sources.reduce((s, x) => s + x.totalFen, 0), sources }
}

/** Demo partners, as the seed: enterprises and individuals with aid intentions. */
function seedPartners(state: MockState): PartnersWorld {
  const w: PartnersWorld = { seq: 0, partners: [], intentions: [] }
  const now = state.now().getTime()
  const ago = (days: number) => new Date(now - days * DAY).toISOString()
  const who = state.user('care').user.id
  const add = (days: number, input: PartnerInput) => createPartner(w, who, ago(days), input)
  const tea = add(90, { name: '融新茶业有限公司', kind: 'enterprise', contactName: '赵总', contactPhone: '13911112222', industry: '茶叶', note: '公益基金发起企业' })
  const shop = add(60, { name: '融新粮油店', kind: 'enterprise', contactName: '何经理', contactPhone: '13822223333', industry: '粮油零售' })
  add(45, { name: '锦江区巧手工坊', kind: 'organisation', contactName: '林老师', industry: '手工艺培训' })
  add(20, { name: '陈淑芬', kind: 'individual', contactPhone: '13800001111' })
  // The granary's 融新粮油店 donor gives as this partner.
  const donor = granaryOf(state).donors.find((d) => d.name === '融新粮油店')
  if (donor) shop.granaryDonorIds.push(donor.id)
  const intend = (days: number, partnerId: string, input: AidIntentionInput) => addIntention(w, who, ago(days), partnerId, input)
  intend(80, tea.id, { kind: 'money', description: '每年向公益基金捐款', amountFen: 20_000_000 })
  intend(50, tea.id, { kind: 'jobs', description: '茶叶包装岗位，适合轻度残疾人', quantity: 3 })
  intend(30, shop.id, { kind: 'goods', description: '每季度捐赠大米和食用油', amountFen: 300_000 })
  intend(10, w.partners[2]!.id, { kind: 'skills_training', description: '竹编手工培训', quantity: 12 })
  return w
}

// ---- handlers ----

export const partnersHandlers: MockHandlerFactory = (getState, opts) => {
  const v1 = apiV1(opts)
  const { read, write } = mockRoutes(getState, v1, storedWorld(worlds, getState, opts.storage, STORE_KEY))
  const partnerOr404 = (w: PartnersWorld, id: string | undefined) => {
    const p = w.partners.find((x) => x.id === id)
    if (!p) throw new Refusal(404, 'not_found', 'Partner not found.')
    return p
  }
  const isWriter = (u: MockUser) => u.user.roles.some((r) => (WRITERS as readonly string[]).includes(r))
  const intentionPage = (w: PartnersWorld, url: URL, partnerId?: string) => {
    const status = url.searchParams.get('status')
    const kind = url.searchParams.get('kind')
    const rows = [...w.intentions].reverse().filter((i) => (!partnerId || i.partnerId === partnerId) && (!status || i.status === status) && (!kind || i.kind === kind))
    return respondPage(AidIntention, rows, url, (i) => toIntention(w, i))
  }

  return [
    read('/partners', READERS, ({ w, url }) => {
      const kind = url.searchParams.get('kind')
      return respondPage(Partner, [...w.partners].reverse().filter((x) => !kind || x.kind === kind), url, (x) => toPartner(w, x, 'masked'))
    }),
    write('post', '/partners', WRITERS, PartnerInput, Partner, 201, (body, { w, who, at }) => toPartner(w, createPartner(w, who, at, body), 'whole')),
    read('/partners/:id', READERS, ({ w, params, who }) => respond(Partner, toPartner(w, partnerOr404(w, params.id), isWriter(who) ? 'whole' : 'masked'))),
    write('patch', '/partners/:id', WRITERS, PartnerPatch, Partner, 200, (body, { w, at, params }) => {
      const p = partnerOr404(w, params.id)
      const name = body.name ?? p.name
      const kind = body.kind ?? p.kind
      if (w.partners.some((x) => x.id !== p.id && x.kind === kind && x.name === name)) throw new Refusal(409, 'partner_exists', 'The team already has a partner of this kind and name.')
      for (const k of ['name', 'kind', 'contactName', 'contactPhone', 'industry', 'note'] as const) if (body[k] !== undefined) (p as unknown as Record<string, unknown>)[k] = body[k]
      p.updatedAt = at
      return toPartner(w, p, 'whole')
    }),
    read('/partners/:id/intentions', READERS, ({ w, url, params }) => intentionPage(w, url, partnerOr404(w, params.id).id)),
    write('post', '/partners/:id/intentions', WRITERS, AidIntentionInput, AidIntention, 201, (body, { w, who, at, params }) => toIntention(w, addIntention(w, who, at, partnerOr404(w, params.id).id, body))),
    write('post', '/partners/:id/intentions/:intentionId/status', WRITERS, AidIntentionStatusInput, AidIntention, 200, (body, { w, who, at, params }) => {
      const p = partnerOr404(w, params.id)
      const i = w.intentions.find((x) => x.id === params.intentionId && x.partnerId === p.id)
      if (!i) throw new Refusal(404, 'not_found', 'Intention not found.')
      if (i.status !== 'open') throw new Refusal(409, 'intention_closed', `This intention is already ${i.status}.`)
      i.status = body.status
      i.closedBy = who
      i.closedAt = at
      i.closeNote = body.note || null
      return toIntention(w, i)
    }),
    read('/partner-intentions', READERS, ({ w, url }) => intentionPage(w, url)),
    write('post', '/partners/:id/granary-donors', WRITERS, PartnerGranaryDonorInput, Partner, 201, (body, { w, params }) => {
      const p = partnerOr404(w, params.id)
      if (!granaryOf(getState()).donors.some((d) => d.id === body.donorId)) throw new Refusal(422, 'unknown_donor', 'No such granary donor in the team.', [{ path: 'donorId', message: 'unknown donor' }])
      const owner = w.partners.find((x) => x.granaryDonorIds.includes(body.donorId))
      if (owner) throw new Refusal(409, 'donor_linked', owner.id === p.id ? 'This donor is already linked to the partner.' : 'This donor is linked to another partner.')
      p.granaryDonorIds.push(body.donorId)
      return toPartner(w, p, 'whole')
    }),
    read('/partners/:id/contributions', READERS, ({ w, params }) => respond(PartnerContributions, contributionsOf(getState(), w, partnerOr404(w, params.id)))),
  ]
}
