// Roster spreadsheets: the columns of the import template, reading a sheet's cells into the API's
// ImportRow shape, and the same checks the server makes (so the preview can mark bad rows before
// anything is sent). Loaded only by the import screen: exceljs comes in with `await import()`.
import {
  GenderList,
  ID_TYPE_LABELS,
  ImportRow,
  IMPORT_BATCH_SIZE,
  registrationAgeCheck,
  VolunteerAffiliationList,
  type ImportRowResult,
} from '@chayi/domain'
import type { CellValue, Worksheet } from 'exceljs'

export { IMPORT_BATCH_SIZE }

/** A column of the template: the field it fills, its headers, and whether a row needs it. */
export interface RosterColumn {
  key: RosterField
  zh: string
  en: string
  required: boolean
  /** An example value for the template's second row. */
  example: string
}

export type RosterField =
  | 'realName'
  | 'phone'
  | 'idType'
  | 'idNumber'
  | 'gender'
  | 'birthDate'
  | 'affiliations'
  | 'skills'
  | 'availability'
  | 'emergencyName'
  | 'emergencyPhone'
  | 'emergencyRelation'
  | 'guardianName'
  | 'guardianPhone'
  | 'guardianConsentDate'
  | 'guardianNote'

export const ROSTER_COLUMNS: RosterColumn[] = [
  { key: 'realName', zh: '姓名', en: 'Name', required: true, example: '王小红' },
  { key: 'phone', zh: '手机号码', en: 'Mobile', required: true, example: '13912345678' },
  { key: 'idType', zh: '证件类型', en: 'ID type', required: false, example: '居民身份证' },
  { key: 'idNumber', zh: '证件号码', en: 'ID number', required: true, example: '510104199006151232' },
  { key: 'gender', zh: '性别', en: 'Gender', required: false, example: '女' },
  { key: 'birthDate', zh: '出生日期', en: 'Birth date', required: false, example: '1990-06-15' },
  { key: 'affiliations', zh: '身份', en: 'Affiliation', required: true, example: '企业员工:成都某爱心企业；党员' },
  { key: 'skills', zh: '技能', en: 'Skills', required: false, example: '急救、茶艺' },
  { key: 'availability', zh: '可服务时间', en: 'Availability', required: false, example: '周末' },
  { key: 'emergencyName', zh: '紧急联系人', en: 'Emergency contact', required: true, example: '王大明' },
  { key: 'emergencyPhone', zh: '紧急联系人电话', en: 'Emergency phone', required: true, example: '13698765432' },
  { key: 'emergencyRelation', zh: '与本人关系', en: 'Relation', required: true, example: '父亲' },
  { key: 'guardianName', zh: '监护人姓名', en: 'Guardian name', required: false, example: '' },
  { key: 'guardianPhone', zh: '监护人电话', en: 'Guardian phone', required: false, example: '' },
  { key: 'guardianConsentDate', zh: '监护人同意日期', en: 'Guardian consent date', required: false, example: '' },
  { key: 'guardianNote', zh: '同意说明', en: 'Consent note', required: false, example: '' },
]

const squash = (s: string) => s.replace(/[\s_\-（）()*]/g, '').toLowerCase()

/** Which sheet column fills each field: matched by header text (Chinese, English or the field name). */
export function guessMapping(headers: string[]): Record<RosterField, number | null> {
  const byText = new Map(headers.map((h, i) => [squash(h), i]))
  const out = {} as Record<RosterField, number | null>
  for (const c of ROSTER_COLUMNS) out[c.key] = byText.get(squash(c.zh)) ?? byText.get(squash(c.en)) ?? byText.get(squash(c.key)) ?? null
  return out
}

/** A cell's value as text: dates as YYYY-MM-DD, numbers without grouping, rich text joined. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value)
  if (typeof value === 'string' || typeof value === 'boolean') return String(value).trim()
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim()
    if ('result' in value) return cellText(value.result as CellValue)
    if ('text' in value) return String(value.text).trim()
  }
  return ''
}

/** A sheet as read: the header texts and the data rows (empty rows left out) by sheet row number. */
export interface SheetData {
  headers: string[]
  rows: { rowNumber: number; cells: string[] }[]
}

export function readSheet(ws: Worksheet): SheetData {
  const width = ws.columnCount
  const header = ws.getRow(1)
  const headers = Array.from({ length: width }, (_, i) => cellText(header.getCell(i + 1).value))
  const rows: SheetData['rows'] = []
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return
    const cells = Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value))
    if (cells.some((c) => c !== '')) rows.push({ rowNumber, cells })
  })
  return { headers, rows }
}

const split = (s: string) =>
  s
    .split(/[、,，;；/|\n]+/)
    .map((x) => x.trim())
    .filter(Boolean)

function codeOf<C extends string>(list: { codes: readonly C[]; entries: readonly { code: string; label: { 'zh-CN': string; en: string } }[] }, text: string): C | string {
  const t = squash(text)
  const hit = list.entries.find((e) => squash(e.code) === t || squash(e.label['zh-CN']) === t || squash(e.label.en) === t)
  return (hit?.code as C | undefined) ?? text
}

function idTypeOf(text: string): string {
  if (!text) return 'resident_id'
  const t = squash(text)
  if (t === '身份证') return 'resident_id'
  const hit = Object.entries(ID_TYPE_LABELS).find(([code, l]) => squash(code) === t || squash(l.zh) === t || squash(l.en) === t)
  return hit ? hit[0] : text
}

/** "2026-11-20", "2026/11/20" or "2026.11.20" → "2026-11-20"; anything else stays as typed (and fails the check). */
function dateOf(text: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text)
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text
}

/** Builds the API's row from a sheet row: codes from labels, the birth date from a resident ID when the column is empty. */
export function toImportRow(row: SheetData['rows'][number], mapping: Record<RosterField, number | null>): Record<string, unknown> & { rowNumber: number } {
  const get = (f: RosterField) => {
    const i = mapping[f]
    return i === null || i === undefined ? '' : (row.cells[i] ?? '')
  }
  const idType = idTypeOf(get('idType'))
  const idNumber = get('idNumber').replace(/\s/g, '').toUpperCase()
  let birthDate = dateOf(get('birthDate'))
  if (!birthDate && idType === 'resident_id' && /^\d{17}[\dX]$/.test(idNumber)) birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`
  const affiliations = split(get('affiliations')).map((a) => {
    const [kind, ...unit] = a.split(/[:：]/)
    const u = unit.join(':').trim()
    return u ? { kind: codeOf(VolunteerAffiliationList, kind!.trim()), unit: u } : { kind: codeOf(VolunteerAffiliationList, kind!.trim()) }
  })
  const out: Record<string, unknown> & { rowNumber: number } = {
    rowNumber: row.rowNumber,
    realName: get('realName'),
    phone: get('phone').replace(/[\s-]/g, ''),
    idType,
    idNumber,
    gender: get('gender') ? codeOf(GenderList, get('gender')) : 'unspecified',
    birthDate,
    affiliations,
    skills: split(get('skills')),
    availability: get('availability'),
    emergencyContact: { name: get('emergencyName'), phone: get('emergencyPhone').replace(/[\s-]/g, ''), relation: get('emergencyRelation') },
  }
  if (get('guardianName') || get('guardianPhone')) {
    const day = dateOf(get('guardianConsentDate'))
    out.guardian = {
      name: get('guardianName'),
      phone: get('guardianPhone').replace(/[\s-]/g, ''),
      // The day the consent was signed, as midnight China time.
      consentAt: /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00+08:00`).toISOString() : day,
      consentNote: get('guardianNote') || '监护人书面同意',
    }
  }
  return out
}

/** What is wrong with a row before it is sent: the fields at fault, or the age rule broken. */
export type RowProblem = { code: string; fields: string[] }

/** The server's checks, run in the browser: the schema, the resident ID, the age rules, and duplicates within the file. */
export function checkRows(rows: (Record<string, unknown> & { rowNumber: number })[], today = new Date()): Map<number, RowProblem> {
  const problems = new Map<number, RowProblem>()
  const seenId = new Set<string>()
  const seenPhone = new Set<string>()
  for (const r of rows) {
    const parsed = ImportRow.safeParse(r)
    if (!parsed.success) {
      problems.set(r.rowNumber, { code: 'invalid_request', fields: [...new Set(parsed.error.issues.map((i) => fieldOf(i.path.map(String).join('.'))))] })
      continue
    }
    const age = registrationAgeCheck(parsed.data, today)
    if (!age.ok) {
      problems.set(r.rowNumber, age.code === 'birth_date_in_future' ? { code: 'invalid_request', fields: ['birthDate'] } : { code: age.code, fields: [age.path] })
      continue
    }
    const id = `${parsed.data.idType}:${parsed.data.idNumber.toUpperCase()}`
    if (seenId.has(id)) problems.set(r.rowNumber, { code: 'already_registered', fields: ['idNumber'] })
    else if (seenPhone.has(parsed.data.phone)) problems.set(r.rowNumber, { code: 'login_taken', fields: ['phone'] })
    seenId.add(id)
    seenPhone.add(parsed.data.phone)
  }
  return problems
}

/** An issue path ("emergencyContact.phone", "affiliations.0.kind") as the template column it came from. */
export function fieldOf(path: string): string {
  const [head, second] = path.split('.')
  if (head === 'emergencyContact') return second === 'phone' ? 'emergencyPhone' : second === 'relation' ? 'emergencyRelation' : 'emergencyName'
  if (head === 'guardian') return second === 'phone' ? 'guardianPhone' : second === 'consentAt' ? 'guardianConsentDate' : second === 'consentNote' ? 'guardianNote' : 'guardianName'
  return head ?? path
}

/** A server result as a problem in the same terms as the preview's. */
export function problemOf(r: Extract<ImportRowResult, { ok: false }>): RowProblem {
  const fields = [...new Set(r.issues.map((i) => fieldOf(i.path)))]
  if (r.code === 'already_registered') return { code: r.code, fields: fields.length ? fields : ['idNumber'] }
  if (r.code === 'login_taken') return { code: r.code, fields: fields.length ? fields : ['phone'] }
  return { code: r.code, fields }
}

/** The template: the headers in Chinese (English in a note row), an example, and text-formatted number columns. */
export async function templateWorkbook(): Promise<Blob> {
  const { default: Excel } = await import('exceljs')
  const book = new Excel.Workbook()
  const ws = book.addWorksheet('志愿者名册')
  ws.columns = ROSTER_COLUMNS.map((c) => ({ header: c.zh, key: c.key, width: Math.max(12, c.zh.length * 2 + 4, c.key === 'idNumber' ? 22 : 0, c.key === 'affiliations' ? 30 : 0) }))
  ws.getRow(1).font = { bold: true }
  for (const c of ROSTER_COLUMNS) if (c.required) ws.getCell(1, ROSTER_COLUMNS.indexOf(c) + 1).note = `必填 Required · ${c.en}`
  // ID and phone numbers as text: 18 digits would lose their last ones as a number.
  for (const key of ['phone', 'idNumber', 'emergencyPhone', 'guardianPhone']) ws.getColumn(key).numFmt = '@'
  ws.addRow(Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, c.example])))
  const help = book.addWorksheet('填写说明 Help')
  help.columns = [
    { header: '列 Column', key: 'zh', width: 18 },
    { header: 'English', key: 'en', width: 22 },
    { header: '必填 Required', key: 'req', width: 14 },
    { header: '可填的值 Values', key: 'values', width: 70 },
  ]
  help.getRow(1).font = { bold: true }
  const values: Partial<Record<RosterField, string>> = {
    idType: Object.values(ID_TYPE_LABELS).map((l) => l.zh).join('、') + '（空白 = 居民身份证）',
    gender: GenderList.entries.map((e) => e.label['zh-CN']).join('、'),
    birthDate: 'YYYY-MM-DD；居民身份证可留空',
    affiliations: VolunteerAffiliationList.entries.map((e) => e.label['zh-CN']).join('、') + '；单位写在冒号后，多个用；分隔',
    skills: '多个用、分隔',
    guardianName: '14–17 岁必填',
    guardianConsentDate: 'YYYY-MM-DD',
  }
  for (const c of ROSTER_COLUMNS) help.addRow({ zh: c.zh, en: c.en, req: c.required ? '是 yes' : '', values: values[c.key] ?? '' })
  const buf = await book.xlsx.writeBuffer()
  return new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
}

/** Reads the first sheet of an .xlsx file. */
export async function readWorkbook(data: ArrayBuffer): Promise<SheetData> {
  const { default: Excel } = await import('exceljs')
  const book = new Excel.Workbook()
  await book.xlsx.load(data)
  const ws = book.worksheets[0]
  if (!ws) return { headers: [], rows: [] }
  return readSheet(ws)
}

/** A CSV (UTF-8 with a BOM, for Excel) of the rows that were not imported. */
export function errorReportCsv(header: string[], rows: string[][]): Blob {
  const field = (s: string) => {
    const v = /^[=+\-@]/.test(s) ? `'${s}` : s
    return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
  }
  const text = [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n'
  return new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' })
}

/** Saves a blob under a file name (a temporary link, clicked). */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

