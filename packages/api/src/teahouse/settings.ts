import {
  DEFAULT_CUP_PRICE_FEN,
  DEFAULT_DAILY_CUP_LIMIT,
  type KioskCatalogue,
  type MenuItem,
  type MenuItemInput,
  type TeahouseSettings,
} from '@chayi/domain'
import type { z } from 'zod'
import type { MenuItemPatch } from '@chayi/domain'
import { notFound } from '../errors.js'
import { newId } from '../ids.js'
import type { WriteScope } from '../write.js'
import type { Db } from './common.js'

// The tea house's configuration: the charity-cup price, the per-card daily limit and the menu.
// Prices here are what a tablet charges next; every sale freezes the price it charged.

type MenuRow = { id: string; name: string; nameEn: string | null; priceFen: number; active: number; sort: number }

export function toMenuItem(r: MenuRow): MenuItem {
  return { id: r.id, name: r.name, nameEn: r.nameEn, priceFen: Number(r.priceFen), active: Number(r.active) === 1, sort: Number(r.sort) }
}

/** The team's settings; defaults (500 fen, 1 cup a day) while none are stored. */
export async function getTeahouseSettings(db: Db, teamId: string): Promise<TeahouseSettings> {
  const row = await db.selectFrom('teahouseSettings').selectAll().where('teamId', '=', teamId).executeTakeFirst()
  if (!row) return { cupPriceFen: DEFAULT_CUP_PRICE_FEN, dailyCupLimit: DEFAULT_DAILY_CUP_LIMIT, updatedAt: null }
  return { cupPriceFen: Number(row.cupPriceFen), dailyCupLimit: Number(row.dailyCupLimit), updatedAt: row.updatedAt }
}

export async function saveTeahouseSettings(w: WriteScope, input: { cupPriceFen: number; dailyCupLimit: number }): Promise<TeahouseSettings> {
  const values = { teamId: w.teamId, cupPriceFen: input.cupPriceFen, dailyCupLimit: input.dailyCupLimit, updatedAt: w.at, updatedBy: w.actor }
  await w.trx
    .insertInto('teahouseSettings')
    .values(values)
    .onConflict((oc) => oc.column('teamId').doUpdateSet({ cupPriceFen: input.cupPriceFen, dailyCupLimit: input.dailyCupLimit, updatedAt: w.at, updatedBy: w.actor }))
    .execute()
  await w.record({ kind: 'teahouse.settings_changed', entity: 'team', entityId: w.teamId, payload: { cupPriceFen: input.cupPriceFen, dailyCupLimit: input.dailyCupLimit } })
  return { cupPriceFen: input.cupPriceFen, dailyCupLimit: input.dailyCupLimit, updatedAt: w.at }
}

/** The menu in counter order (sort, then name); inactive items only when asked for. */
export async function listMenu(db: Db, teamId: string, opts: { activeOnly: boolean }): Promise<MenuItem[]> {
  let q = db.selectFrom('teahouseMenuItems').selectAll().where('teamId', '=', teamId).orderBy('sort').orderBy('name').orderBy('id')
  if (opts.activeOnly) q = q.where('active', '=', 1)
  return (await q.execute()).map(toMenuItem)
}

export async function createMenuItem(w: WriteScope, input: MenuItemInput): Promise<MenuItem> {
  const row = {
    id: newId(),
    teamId: w.teamId,
    name: input.name,
    nameEn: input.nameEn ?? null,
    priceFen: input.priceFen,
    active: input.active === false ? 0 : 1,
    sort: input.sort ?? 0,
    createdAt: w.at,
    updatedAt: w.at,
  }
  await w.trx.insertInto('teahouseMenuItems').values(row).execute()
  await w.record({ kind: 'teahouse.menu_item_added', entity: 'teahouse_menu_item', entityId: row.id, payload: { name: row.name, priceFen: row.priceFen, active: row.active === 1 } })
  return toMenuItem(row)
}

export async function updateMenuItem(w: WriteScope, id: string, patch: z.infer<typeof MenuItemPatch>): Promise<MenuItem> {
  const row = await w.trx.selectFrom('teahouseMenuItems').selectAll().where('teamId', '=', w.teamId).where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('Menu item')
  const set: Partial<MenuRow> & { updatedAt: string } = { updatedAt: w.at }
  if (patch.name !== undefined) set.name = patch.name
  if (patch.nameEn !== undefined) set.nameEn = patch.nameEn
  if (patch.priceFen !== undefined) set.priceFen = patch.priceFen
  if (patch.active !== undefined) set.active = patch.active ? 1 : 0
  if (patch.sort !== undefined) set.sort = patch.sort
  await w.trx.updateTable('teahouseMenuItems').set(set).where('id', '=', id).execute()
  const { updatedAt: _u, ...changed } = set
  await w.record({ kind: 'teahouse.menu_item_changed', entity: 'teahouse_menu_item', entityId: id, payload: { ...changed, ...(set.active !== undefined ? { active: set.active === 1 } : {}) } })
  return toMenuItem({ ...row, ...set })
}

/** What a tablet caches to sell offline: settings and the active menu. */
export async function kioskCatalogue(db: Db, teamId: string): Promise<KioskCatalogue> {
  return { settings: await getTeahouseSettings(db, teamId), menu: await listMenu(db, teamId, { activeOnly: true }) }
}
