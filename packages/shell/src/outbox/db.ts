import { openDB, type DBSchema, type IDBPDatabase, type IDBPObjectStore } from 'idb'
import { upgradeRecord, type AnyOutboxRecord, type OutboxRecord } from './records.js'

/**
 * IndexedDB layout. Version 1 held v1 records in `outbox`; version 2 adds `meta` (the seq
 * counter) and upgrades every stored record inside the version-change transaction, so a reload
 * after an app update either sees all records migrated or none.
 */
export interface OutboxSchema extends DBSchema {
  outbox: { key: string; value: AnyOutboxRecord }
  meta: { key: string; value: number }
}

export const OUTBOX_DB_VERSION = 2
const SEQ = 'seq'

export type OutboxDb = IDBPDatabase<OutboxSchema>

export function openOutboxDb(name: string): Promise<OutboxDb> {
  return openDB<OutboxSchema>(name, OUTBOX_DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) db.createObjectStore('outbox', { keyPath: 'id' })
      if (oldVersion < 2) {
        db.createObjectStore('meta')
        // Runs inside the version-change transaction; opening waits for it to finish.
        void migrateToV2(tx.objectStore('outbox'), tx.objectStore('meta'))
      }
    },
  })
}

type Store<N extends 'outbox' | 'meta'> = IDBPObjectStore<OutboxSchema, ('outbox' | 'meta')[], N, 'versionchange' | 'readwrite'>

/** v1 records get their seq in the order they were created; the counter continues after them. */
async function migrateToV2(outbox: Store<'outbox'>, meta: Store<'meta'>): Promise<void> {
  const all = await outbox.getAll()
  let seq = 0
  const ordered = [...all].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
  for (const r of ordered) {
    const up = upgradeRecord(r, () => ++seq)
    seq = Math.max(seq, up.seq)
    await outbox.put(up)
  }
  await meta.put(seq, SEQ)
}

/** Every record, oldest first, as the current version. */
export async function readAll(db: OutboxDb): Promise<OutboxRecord[]> {
  const tx = db.transaction(['outbox', 'meta'], 'readwrite')
  const rows = await tx.objectStore('outbox').getAll()
  let seq = (await tx.objectStore('meta').get(SEQ)) ?? 0
  const out: OutboxRecord[] = []
  for (const r of rows) {
    // A stray old record (written by an old tab still open during the update) is upgraded here.
    const up = upgradeRecord(r, () => ++seq)
    if (up !== r) await tx.objectStore('outbox').put(up)
    out.push(up)
  }
  await tx.objectStore('meta').put(seq, SEQ)
  await tx.done
  return out.sort((a, b) => a.seq - b.seq)
}

/** Adds a record with the next seq, both in one transaction so two tabs never share a number. */
export async function append(db: OutboxDb, make: (seq: number) => OutboxRecord): Promise<OutboxRecord> {
  const tx = db.transaction(['outbox', 'meta'], 'readwrite')
  const seq = ((await tx.objectStore('meta').get(SEQ)) ?? 0) + 1
  const rec = make(seq)
  await tx.objectStore('meta').put(seq, SEQ)
  await tx.objectStore('outbox').add(rec)
  await tx.done
  return rec
}

export async function putRecord(db: OutboxDb, rec: OutboxRecord): Promise<void> {
  await db.put('outbox', rec)
}

export async function getRecord(db: OutboxDb, id: string): Promise<OutboxRecord | undefined> {
  const r = await db.get('outbox', id)
  return r && r.v === 2 ? r : undefined
}

export async function deleteRecord(db: OutboxDb, id: string): Promise<void> {
  await db.delete('outbox', id)
}
