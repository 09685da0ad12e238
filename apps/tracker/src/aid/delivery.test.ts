import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { openDB } from 'idb'
import { describe, expect, it } from 'vitest'
import { NewAidDelivery } from '@chayi/domain'
import * as cache from './cache'
import { deliveryBody, deliveryProblems, newDeliveryDraft, upgradeDeliveryDraft } from './delivery'

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
const ID = '01930000-0000-7000-8a1d-0000000000aa'
const NEED = { id: '01930000-0000-7000-8a1d-0000000000bb', kind: 'industry' as const, householdId: '01930000-0000-7000-8a1d-0000000000cc' }
const PLEDGE = { id: '01930000-0000-7000-8a1d-0000000000dd', partnerId: '01930000-0000-7000-8a1d-0000000000ee', what: '收购青稞 500 斤', amountFen: 125_050 }

describe('delivery drafts', () => {
  it('start from the pledge and the need kind, and make a body the contract accepts', () => {
    const d = newDeliveryDraft(ID, NEED, PLEDGE, PLEDGE.partnerId, new Date('2026-11-28T20:00:00Z'))
    expect(d).toMatchObject({ v: 1, what: '收购青稞 500 斤', value: '1250.5', deliveredOn: '2026-11-29', credit: { component: 'businessFen', amount: '' }, method: 'signature' })
    expect(deliveryProblems(d)).toEqual(['photos', 'confirmedBy', 'signature'])
    const done = { ...d, photos: [PNG], confirmedBy: '卓玛', signature: PNG, credit: { component: 'businessFen' as const, amount: '1250.5' } }
    expect(deliveryProblems(done)).toEqual([])
    const body = NewAidDelivery.parse(deliveryBody(done))
    expect(body).toMatchObject({ id: ID, pledgeId: PLEDGE.id, valueFen: 125_050, incomeCredit: { component: 'businessFen', amountFen: 125_050 }, confirmation: { method: 'signature', signature: PNG } })
  })

  it('count the whole value when the prefilled credit is left without an amount, and nothing when "not income" is chosen', () => {
    const d = { ...newDeliveryDraft(ID, NEED, PLEDGE, PLEDGE.partnerId), photos: [PNG], confirmedBy: '卓玛', signature: PNG }
    expect(d.credit).toEqual({ component: 'businessFen', amount: '' })
    expect(NewAidDelivery.parse(deliveryBody(d)).incomeCredit).toEqual({ component: 'businessFen', amountFen: 125_050 })
    expect(NewAidDelivery.parse(deliveryBody({ ...d, credit: { component: 'businessFen', amount: '300' } })).incomeCredit).toEqual({ component: 'businessFen', amountFen: 30_000 })
    expect(NewAidDelivery.parse(deliveryBody({ ...d, credit: null })).incomeCredit).toBeUndefined()
  })

  it('keep an unreadable (newer) draft aside rather than drop it', () => {
    expect(upgradeDeliveryDraft({ v: 1, id: ID })).toMatchObject({ v: 1 })
    expect(upgradeDeliveryDraft({ v: 2, id: ID })).toBeNull()
    expect(upgradeDeliveryDraft({ id: ID })).toBeNull()
  })

  it('a phone with the v1 database keeps its visit drafts when the delivery drafts store is added', async () => {
    globalThis.indexedDB = new IDBFactory()
    const old = await openDB('chayi-tracker', 1, {
      upgrade(d) {
        d.createObjectStore('lists', { keyPath: 'key' })
        d.createObjectStore('households', { keyPath: 'id' })
        d.createObjectStore('drafts', { keyPath: 'id' }).createIndex('byHousehold', 'householdId')
        d.createObjectStore('strandedDrafts')
        d.createObjectStore('patchBases', { keyPath: 'recordId' })
      },
    })
    await old.put('drafts', { v: 1, id: 'visit-1', householdId: NEED.householdId, updatedAt: '2026-11-01T00:00:00Z', notes: '离线写的' })
    old.close()
    expect((await cache.readDraft(NEED.householdId))?.notes).toBe('离线写的')
    const d = newDeliveryDraft(ID, NEED, PLEDGE, PLEDGE.partnerId)
    expect(await cache.writeDeliveryDraft(d)).toBe(true)
    expect((await cache.readDeliveryDraft(NEED.id))?.id).toBe(ID)
  })
})
