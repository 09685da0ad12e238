import ExcelJS from 'exceljs'
import {
  GenderList,
  HOURS_EXPORT_COLUMNS,
  ID_TYPE_LABELS,
  ROSTER_EXPORT_COLUMNS,
  ServiceProjectList,
  type ExportFormat,
  type ExportKind,
  type IdType,
  type ServiceProject,
} from '@chayi/domain'
import type { FieldCipher } from '../../crypto.js'
import { newId } from '../../ids.js'
import type { WriteScope } from '../../write.js'

type Cell = string | number | null
type Column = { key: string; zh: string; en: string }

const STATUS_LABELS: Record<string, string> = { pending: '待审核', active: '在册', rejected: '未通过', left: '已退出' }

/** What the export holds: the rows, and the volunteers whose whole ID numbers are in it. */
interface Sheet {
  columns: readonly Column[]
  rows: Record<string, Cell>[]
  volunteerIds: string[]
}

const idTypeLabel = (t: string) => ID_TYPE_LABELS[t as IdType]?.zh ?? t
/** China Standard Time calendar date of an instant. */
const cstDate = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10) : null)

/**
 * Approved service hours per volunteer, activity and day, as the national volunteer system files
 * them. Reversals and corrections are approved entries too (negative and positive minutes), so a
 * plain sum is the standing figure; a day that nets to zero is left out.
 */
async function hoursSheet(w: WriteScope, cipher: FieldCipher, range: { from?: string; to?: string }): Promise<Sheet> {
  let q = w.trx
    .selectFrom('hourEntries as h')
    .innerJoin('volunteers as v', 'v.id', 'h.volunteerId')
    .leftJoin('activities as a', 'a.id', 'h.activityId')
    .select(['v.id as volunteerId', 'v.realName', 'v.idType', 'v.idNumberEnc', 'v.volunteerNumber', 'h.activityId', 'a.title', 'h.project', 'h.serviceDate', (eb) => eb.fn.sum<number | string>('h.minutes').as('minutes')])
    .where('h.teamId', '=', w.teamId)
    .where('h.status', '=', 'approved')
    .groupBy(['v.id', 'v.realName', 'v.idType', 'v.idNumberEnc', 'v.volunteerNumber', 'h.activityId', 'a.title', 'h.project', 'h.serviceDate'])
    .orderBy('h.serviceDate')
    .orderBy('v.volunteerNumber')
    .orderBy('v.id')
    .orderBy('a.title')
  if (range.from) q = q.where('h.serviceDate', '>=', range.from)
  if (range.to) q = q.where('h.serviceDate', '<=', range.to)
  const team = await w.trx.selectFrom('teams').select('name').where('id', '=', w.teamId).executeTakeFirstOrThrow()
  const rows = (await q.execute()).filter((r) => Number(r.minutes) !== 0)
  return {
    columns: HOURS_EXPORT_COLUMNS,
    rows: rows.map((r) => ({
      realName: r.realName,
      idType: idTypeLabel(r.idType),
      idNumber: cipher.decrypt(r.idNumberEnc),
      volunteerNumber: r.volunteerNumber,
      activity: r.title ?? ServiceProjectList.label(r.project as ServiceProject, 'zh-CN'),
      serviceDate: r.serviceDate,
      hours: Math.round((Number(r.minutes) / 60) * 100) / 100,
      organiser: team.name,
    })),
    volunteerIds: [...new Set(rows.map((r) => r.volunteerId))],
  }
}

/** The team's volunteers, every status, numbered ones first. */
async function rosterSheet(w: WriteScope, cipher: FieldCipher): Promise<Sheet> {
  const team = await w.trx.selectFrom('teams').select('name').where('id', '=', w.teamId).executeTakeFirstOrThrow()
  const vols = await w.trx.selectFrom('volunteers').selectAll().where('teamId', '=', w.teamId).orderBy('volunteerNumber').orderBy('createdAt').orderBy('id').execute()
  return {
    columns: ROSTER_EXPORT_COLUMNS,
    rows: vols.map((v) => ({
      realName: v.realName,
      idType: idTypeLabel(v.idType),
      idNumber: cipher.decrypt(v.idNumberEnc),
      gender: GenderList.codes.includes(v.gender as never) ? GenderList.label(v.gender as 'male', 'zh-CN') : v.gender,
      birthDate: v.birthDate,
      phone: v.phone,
      volunteerNumber: v.volunteerNumber,
      status: STATUS_LABELS[v.status] ?? v.status,
      joinedAt: v.status === 'active' ? cstDate(v.decidedAt) : null,
      organiser: team.name,
    })),
    volunteerIds: vols.map((v) => v.id),
  }
}

/** A CSV field: quoted when it must be, and a leading =+-@ defused so a spreadsheet never runs it. */
function csvField(v: Cell): string {
  if (v === null) return ''
  let s = String(v)
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function toCsv(sheet: Pick<Sheet, 'columns' | 'rows'>): Buffer {
  const lines = [sheet.columns.map((c) => csvField(c.zh)).join(','), ...sheet.rows.map((r) => sheet.columns.map((c) => csvField(r[c.key] ?? null)).join(','))]
  // UTF-8 with a byte-order mark, so Excel opens the Chinese text as UTF-8; CRLF as RFC 4180 says.
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')])
}

export async function toXlsx(sheet: Pick<Sheet, 'columns' | 'rows'>, title: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.creator = '茶义 Chayi'
  const ws = book.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = sheet.columns.map((c) => ({ header: c.zh, key: c.key, width: Math.max(12, c.zh.length * 2 + 4, c.key === 'idNumber' ? 22 : 0) }))
  ws.getRow(1).font = { bold: true }
  // Whole ID numbers and volunteer numbers stay text (18 digits would lose the last ones as a number).
  for (const key of ['idNumber', 'volunteerNumber', 'phone']) if (sheet.columns.some((c) => c.key === key)) ws.getColumn(key).numFmt = '@'
  for (const r of sheet.rows) ws.addRow(r)
  const legend = book.addWorksheet('Columns 列说明')
  legend.columns = [
    { header: '列 Column', key: 'zh', width: 20 },
    { header: 'English', key: 'en', width: 24 },
  ]
  legend.getRow(1).font = { bold: true }
  for (const c of sheet.columns) legend.addRow({ zh: c.zh, en: c.en })
  return Buffer.from(await book.xlsx.writeBuffer())
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
}

/**
 * Builds an export for filing with the national system, with whole ID numbers: one access-log row
 * per volunteer whose number is in the file (reason `export`), and a chain event saying that an
 * export happened (how many rows, never whose). All in the caller's transaction.
 */
export async function buildExport(
  w: WriteScope,
  cipher: FieldCipher,
  q: { kind: ExportKind; format: ExportFormat; from?: string; to?: string },
): Promise<{ body: Buffer; filename: string; rows: number }> {
  const sheet = q.kind === 'roster' ? await rosterSheet(w, cipher) : await hoursSheet(w, cipher, q)
  const log = sheet.volunteerIds.map((id) => ({ id: newId(), teamId: w.teamId, actor: w.actor, entity: 'volunteer', entityId: id, field: 'id_number', reason: 'export', at: w.at }))
  for (let i = 0; i < log.length; i += 500) await w.trx.insertInto('accessLog').values(log.slice(i, i + 500)).execute()
  await w.record({ kind: 'volunteers.exported', entity: 'team', entityId: w.teamId, payload: { exportKind: q.kind, format: q.format, from: q.from ?? null, to: q.to ?? null, rows: sheet.rows.length, volunteers: log.length } })
  const day = cstDate(w.at)!
  const range = q.kind === 'hours' && (q.from || q.to) ? `_${q.from ?? ''}~${q.to ?? ''}` : ''
  const filename = `${q.kind === 'roster' ? 'volunteer-roster' : 'volunteer-hours'}${range}_${day}.${q.format}`
  const title = q.kind === 'roster' ? '志愿者名册' : '志愿服务时长'
  const body = q.format === 'csv' ? toCsv(sheet) : await toXlsx(sheet, title)
  return { body, filename, rows: sheet.rows.length }
}
