import type { Kysely } from 'kysely'
import { type CertificateRow, type Database } from '@chayi/db'
import { maskIdNumber, maskName, type Certificate, type CertificateRequest, type PublicCertificate, type ServiceProject } from '@chayi/domain'
import type { FieldCipher } from '../crypto.js'
import { conflict, notFound, unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import { nextTeamCounter } from '../counters.js'
import type { WriteScope } from '../write.js'
import { getVolunteerSettings } from './summary.js'
import { chinaDay } from './time.js'

type Db = Kysely<Database>
type CertificateContent = Certificate['content']

/** `XF-Z-2026-000001`: team code in capitals, Z for 证明, the year of issue and a gap-free number within it. */
export function formatCertificateNumber(teamCode: string, year: number, n: number): string {
  return `${teamCode.toUpperCase()}-Z-${year}-${String(n).padStart(6, '0')}`
}

/** The public check page a certificate's QR code points to. */
export const certificateCheckUrl = (origin: string, number: string) => `${origin}/api/v1/public/certificates/${encodeURIComponent(number)}`

export function toCertificate(row: CertificateRow, origin: string): Certificate {
  return {
    id: row.id,
    number: row.number,
    volunteerId: row.volunteerId,
    realName: row.realName,
    idType: row.idType,
    idNumberMasked: row.idNumberMasked,
    volunteerNumber: row.volunteerNumber,
    from: row.periodFrom,
    to: row.periodTo,
    approvedMinutes: Number(row.approvedMinutes),
    content: JSON.parse(row.content) as CertificateContent,
    issuer: row.issuer,
    personInCharge: row.personInCharge,
    handler: row.handler,
    contact: row.contact,
    issuedAt: row.issuedAt,
    checkUrl: certificateCheckUrl(origin, row.number),
    revokedAt: row.revokedAt,
    revokeReason: row.revokeReason,
  }
}

export function toPublicCertificate(row: CertificateRow): PublicCertificate {
  return {
    number: row.number,
    maskedName: maskName(row.realName),
    approvedMinutes: Number(row.approvedMinutes),
    from: row.periodFrom,
    to: row.periodTo,
    issuer: row.issuer,
    issuedAt: row.issuedAt,
    status: row.revokedAt ? 'revoked' : 'valid',
  }
}

/** Approved minutes per project in [from, to] (service dates), with the activities that still count. */
export async function certificateContent(db: Db, teamId: string, volunteerId: string, from: string, to: string): Promise<CertificateContent> {
  const rows = await db
    .selectFrom('hourEntries')
    .select(['project', 'activityId', (eb) => eb.fn.sum<number>('minutes').as('minutes')])
    .where('teamId', '=', teamId)
    .where('volunteerId', '=', volunteerId)
    .where('status', '=', 'approved')
    .where('serviceDate', '>=', from)
    .where('serviceDate', '<=', to)
    .groupBy(['project', 'activityId'])
    .execute()
  const byProject = new Map<string, { minutes: number; activities: number }>()
  for (const r of rows) {
    const minutes = Number(r.minutes)
    const p = byProject.get(r.project) ?? { minutes: 0, activities: 0 }
    p.minutes += minutes
    // An activity whose hours were wholly reversed no longer counts as served.
    if (r.activityId && minutes > 0) p.activities++
    byProject.set(r.project, p)
  }
  return [...byProject]
    .filter(([, p]) => p.minutes > 0)
    .map(([project, p]) => ({ project: project as ServiceProject, minutes: p.minutes, activities: p.activities }))
    .sort((a, b) => b.minutes - a.minutes || a.project.localeCompare(b.project))
}

/**
 * 志愿服务证明: freezes what is certified (name, ID type, masked ID number, volunteer number, the
 * period's approved minutes per project) under the team's next number for the year of issue. The
 * handler (经办人) defaults to the display name of the person issuing it.
 */
export async function issueCertificate(w: WriteScope, cipher: FieldCipher, input: CertificateRequest): Promise<CertificateRow> {
  const volunteer = await w.trx.selectFrom('volunteers').selectAll().where('id', '=', input.volunteerId).where('teamId', '=', w.teamId).executeTakeFirst()
  if (!volunteer) throw notFound('Volunteer')
  if (!volunteer.volunteerNumber) throw unprocessable('not_a_member', 'Only a volunteer admitted to the team (with a volunteer number) can be certified.', [{ path: 'volunteerId', message: 'has no volunteer number' }])
  const content = await certificateContent(w.trx, w.teamId, volunteer.id, input.from, input.to)
  const approvedMinutes = content.reduce((s, p) => s + p.minutes, 0)
  if (approvedMinutes <= 0) throw unprocessable('no_approved_hours', 'There are no approved hours in this period.', [{ path: 'from', message: 'no approved hours from here to `to`' }])

  const team = await w.trx.selectFrom('teams').select(['code', 'name']).where('id', '=', w.teamId).executeTakeFirstOrThrow()
  const settings = await getVolunteerSettings(w.trx, w.teamId)
  let handler = input.handler?.trim()
  if (!handler && w.actor.startsWith('user:')) {
    handler = (await w.trx.selectFrom('users').select('displayName').where('id', '=', w.actor.slice('user:'.length)).executeTakeFirst())?.displayName
  }
  const year = Number(chinaDay(w.at).slice(0, 4))
  const number = formatCertificateNumber(team.code, year, await nextTeamCounter(w, `certificate_number_${year}`))
  const row: CertificateRow = {
    id: newId(),
    teamId: w.teamId,
    number,
    volunteerId: volunteer.id,
    realName: volunteer.realName,
    idType: volunteer.idType,
    idNumberMasked: maskIdNumber(cipher.decrypt(volunteer.idNumberEnc)),
    volunteerNumber: volunteer.volunteerNumber,
    periodFrom: input.from,
    periodTo: input.to,
    approvedMinutes,
    content: JSON.stringify(content),
    issuer: team.name,
    personInCharge: settings.personInCharge,
    handler: handler || team.name,
    contact: settings.contact,
    issuedAt: w.at,
    issuedBy: w.actor,
    revokedAt: null,
    revokedBy: null,
    revokeReason: null,
  }
  await w.trx.insertInto('certificates').values(row).execute()
  await w.record({
    kind: 'volunteers.certificate_issued',
    entity: 'certificate',
    entityId: row.id,
    payload: { volunteerId: volunteer.id, number, from: input.from, to: input.to, approvedMinutes },
  })
  return row
}

/** A leader withdraws a certificate, once; the public check then says `revoked`. */
export async function revokeCertificate(w: WriteScope, id: string, reason: string): Promise<CertificateRow> {
  const row = await w.trx.selectFrom('certificates').selectAll().where('id', '=', id).where('teamId', '=', w.teamId).executeTakeFirst()
  if (!row) throw notFound('Certificate')
  const done = await w.trx
    .updateTable('certificates')
    .set({ revokedAt: w.at, revokedBy: w.actor, revokeReason: reason })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .executeTakeFirst()
  if (Number(done.numUpdatedRows) !== 1) throw conflict('already_revoked', 'This certificate was already revoked.')
  // The reason may be about the person: it stays in the row.
  await w.record({ kind: 'volunteers.certificate_revoked', entity: 'certificate', entityId: id, payload: { volunteerId: row.volunteerId, number: row.number } })
  return { ...row, revokedAt: w.at, revokedBy: w.actor, revokeReason: reason }
}
