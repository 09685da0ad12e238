import { z } from 'zod'
import { IsoDate } from '../common.js'
import { isValidChineseIdNumber } from '../rules/privacy.js'
// A cycle (index.ts re-exports this file): the schemas of index.ts are read only inside functions
// that run after both modules have loaded, never at the top level of this one.
import { VolunteerRegistration } from './index.js'

/** Rows per import request: the console sends a 1,000-row roster as 5 requests. */
export const IMPORT_BATCH_SIZE = 200

/** The spreadsheet row a record came from (row 1 is the header), echoed in its result. */
export const ImportRowNumber = z.number().int().min(2).max(1_048_576)

function buildImportRow() {
  // The registration without the password: staff import people; they sign in after a reset.
  const { password: _password, ...fields } = VolunteerRegistration.shape
  return z.object({ rowNumber: ImportRowNumber, ...fields }).superRefine((r, ctx) => {
    if (r.idType !== 'resident_id') return
    if (!isValidChineseIdNumber(r.idNumber)) {
      ctx.addIssue({ code: 'custom', path: ['idNumber'], message: 'not a valid resident ID number (length, birth date or check character)' })
    } else if (`${r.idNumber.slice(6, 10)}-${r.idNumber.slice(10, 12)}-${r.idNumber.slice(12, 14)}` !== r.birthDate) {
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'does not match the birth date in the ID number' })
    }
  })
}

/**
 * One roster row as imported: the registration fields without the password, plus `rowNumber`.
 * The age rules (under 14, guardian for 14–17) need today's date and are checked by the server
 * with `registrationAgeCheck`, like a registration.
 */
export const ImportRow = z.lazy(buildImportRow)
export type ImportRow = z.infer<ReturnType<typeof buildImportRow>>

/**
 * The body of `POST /volunteers/import`. Rows are only loosely typed here so that one bad row
 * does not refuse the whole batch: the server checks each with `ImportRow` and reports it.
 */
export const ImportRequest = z.object({
  rows: z
    .array(z.looseObject({ rowNumber: ImportRowNumber }))
    .min(1)
    .max(IMPORT_BATCH_SIZE),
  /** Also approve each imported person (volunteer number + volunteer role); else they wait as pending. */
  approve: z.boolean(),
})
export type ImportRequest = z.infer<typeof ImportRequest>

const ImportIssue = z.object({ path: z.string(), message: z.string() })

export const ImportRowResult = z.discriminatedUnion('ok', [
  z.object({ rowNumber: ImportRowNumber, ok: z.literal(true), volunteerId: z.string(), volunteerNumber: z.string().nullable() }),
  z.object({
    rowNumber: ImportRowNumber,
    ok: z.literal(false),
    /** As the API's error codes: `invalid_request`, `too_young`, `guardian_required`, `already_registered`, `login_taken`… */
    code: z.string(),
    message: z.string(),
    issues: z.array(ImportIssue),
  }),
])
export type ImportRowResult = z.infer<typeof ImportRowResult>

export const ImportResponse = z.object({ results: z.array(ImportRowResult) })
export type ImportResponse = z.infer<typeof ImportResponse>

export const ExportKind = z.enum(['hours', 'roster'])
export type ExportKind = z.infer<typeof ExportKind>
export const ExportFormat = z.enum(['xlsx', 'csv'])
export type ExportFormat = z.infer<typeof ExportFormat>

/** `GET /volunteers/export`: service hours (default) or the roster, as .xlsx or CSV; `from`/`to` bound the service date. */
export const VolunteerExportQuery = z
  .object({
    kind: ExportKind.default('hours'),
    format: ExportFormat.default('xlsx'),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
export type VolunteerExportQuery = z.infer<typeof VolunteerExportQuery>

/**
 * The columns of the exports, in the order and with the headers the national volunteer system
 * (全国志愿服务信息系统) asks for when filing hours; a second line of headers says the same in English.
 */
export const HOURS_EXPORT_COLUMNS = [
  { key: 'realName', zh: '姓名', en: 'Name' },
  { key: 'idType', zh: '证件类型', en: 'ID type' },
  { key: 'idNumber', zh: '证件号码', en: 'ID number' },
  { key: 'volunteerNumber', zh: '志愿者编号', en: 'Volunteer number' },
  { key: 'activity', zh: '活动名称', en: 'Activity' },
  { key: 'serviceDate', zh: '服务日期', en: 'Service date' },
  { key: 'hours', zh: '服务时长（小时）', en: 'Hours' },
  { key: 'organiser', zh: '组织单位', en: 'Organiser' },
] as const

export const ROSTER_EXPORT_COLUMNS = [
  { key: 'realName', zh: '姓名', en: 'Name' },
  { key: 'idType', zh: '证件类型', en: 'ID type' },
  { key: 'idNumber', zh: '证件号码', en: 'ID number' },
  { key: 'gender', zh: '性别', en: 'Gender' },
  { key: 'birthDate', zh: '出生日期', en: 'Birth date' },
  { key: 'phone', zh: '手机号码', en: 'Mobile' },
  { key: 'volunteerNumber', zh: '志愿者编号', en: 'Volunteer number' },
  { key: 'status', zh: '状态', en: 'Status' },
  { key: 'joinedAt', zh: '加入日期', en: 'Joined' },
  { key: 'organiser', zh: '组织单位', en: 'Organiser' },
] as const

/** ID types as the national system names them (证件类型). */
export const ID_TYPE_LABELS = {
  resident_id: { zh: '居民身份证', en: 'Resident ID card' },
  passport: { zh: '护照', en: 'Passport' },
  hk_macau_permit: { zh: '港澳居民来往内地通行证', en: 'Hong Kong/Macau permit' },
  taiwan_permit: { zh: '台湾居民来往大陆通行证', en: 'Taiwan permit' },
  other: { zh: '其他', en: 'Other' },
} as const
