import { z } from 'zod'
import { Id, IsoDate, IsoDateTime, Phone } from '../common.js'
import { AgeBand, Gender, VolunteerAffiliation } from '../codes/schemas.js'
import { Password } from '../identity/index.js'
import { isValidChineseIdNumber } from '../rules/privacy.js'

export * from './rules.js'

export const IdType = z.enum(['resident_id', 'passport', 'hk_macau_permit', 'taiwan_permit', 'other'])
export type IdType = z.infer<typeof IdType>

export const VolunteerStatus = z.enum(['pending', 'active', 'rejected', 'left'])
export type VolunteerStatus = z.infer<typeof VolunteerStatus>

export const Affiliation = z.object({
  kind: VolunteerAffiliation,
  /** The enterprise, party branch or unit, where one applies. */
  unit: z.string().trim().min(1).max(100).optional(),
})
export type Affiliation = z.infer<typeof Affiliation>

const PersonName = z.string().trim().min(1).max(50)

export const EmergencyContact = z.object({ name: PersonName, phone: Phone, relation: z.string().trim().min(1).max(30) })
export type EmergencyContact = z.infer<typeof EmergencyContact>

/** The guardian's consent for a volunteer aged 14–17, with when and how it was given. */
export const GuardianConsent = z.object({
  name: PersonName,
  phone: Phone,
  consentAt: IsoDateTime,
  consentNote: z.string().trim().min(1).max(500),
})
export type GuardianConsent = z.infer<typeof GuardianConsent>

/**
 * What a person sends to join a team. The age rules (under 14, guardian for 14–17) need today's
 * date, so they are checked by `registrationAgeCheck`, not here.
 */
export const VolunteerRegistration = z
  .object({
    realName: PersonName,
    phone: Phone,
    idType: IdType,
    idNumber: z.string().trim().min(4).max(40),
    gender: Gender,
    birthDate: IsoDate,
    affiliations: z.array(Affiliation).min(1).max(5),
    skills: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
    availability: z.string().trim().max(200).default(''),
    emergencyContact: EmergencyContact,
    guardian: GuardianConsent.optional(),
    /** Password of the new account; the phone number is the login. */
    password: Password,
  })
  .superRefine((r, ctx) => {
    if (r.idType !== 'resident_id') return
    if (!isValidChineseIdNumber(r.idNumber)) {
      ctx.addIssue({ code: 'custom', path: ['idNumber'], message: 'not a valid resident ID number (length, birth date or check character)' })
    } else if (`${r.idNumber.slice(6, 10)}-${r.idNumber.slice(10, 12)}-${r.idNumber.slice(12, 14)}` !== r.birthDate) {
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'does not match the birth date in the ID number' })
    }
  })
export type VolunteerRegistration = z.infer<typeof VolunteerRegistration>

/** A volunteer as the API returns them: the ID number is always masked. */
export const VolunteerProfile = z.object({
  id: Id,
  teamId: Id,
  userId: Id,
  realName: z.string(),
  /** Whole for the volunteer themself, masked for everyone else. */
  phone: z.string(),
  idType: IdType,
  idNumberMasked: z.string(),
  gender: Gender,
  birthDate: IsoDate,
  ageBand: AgeBand.nullable(),
  affiliations: z.array(Affiliation),
  skills: z.array(z.string()),
  availability: z.string(),
  /** Only in the volunteer's own profile: other people's phones are personal. */
  emergencyContact: EmergencyContact.optional(),
  guardian: GuardianConsent.optional(),
  status: VolunteerStatus,
  volunteerNumber: z.string().nullable(),
  /** When the registration was made. */
  registeredAt: IsoDateTime,
  /** When a leader approved it (null until then). */
  joinedAt: IsoDateTime.nullable(),
  decisionNote: z.string().nullable(),
})
export type VolunteerProfile = z.infer<typeof VolunteerProfile>

export const JoinDecision = z.object({
  approve: z.boolean(),
  note: z.string().trim().max(500).optional(),
})
export type JoinDecision = z.infer<typeof JoinDecision>

export const VolunteerListQuery = z.object({
  status: VolunteerStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
})

export * from './activities.js'
export * from './hours.js'
export * from './notifications.js'

/** What a volunteer may change in their own profile (name, ID and birth date are fixed once registered). */
export const VolunteerProfileChange = z
  .object({
    affiliations: z.array(Affiliation).min(1).max(5),
    skills: z.array(z.string().trim().min(1).max(50)).max(30),
    availability: z.string().trim().max(200),
    emergencyContact: EmergencyContact,
  })
  .partial()
  .refine((c) => Object.keys(c).length > 0, 'nothing to change')
export type VolunteerProfileChange = z.infer<typeof VolunteerProfileChange>

/** Leaving the team (the record and its hours stay; the volunteer role goes). */
export const LeaveTeam = z.object({ reason: z.string().trim().max(500).optional() })

/** A leader asks to see a whole ID number, saying why; the reveal is written to the access log. */
export const RevealRequest = z.object({ reason: z.string().trim().min(2).max(200) })
export const RevealedIdNumber = z.object({ idType: IdType, idNumber: z.string() })

/** One line of the sensitive-data access log: who saw what, when, and why. */
export const AccessLogEntry = z.object({
  id: Id,
  actor: z.string(),
  actorName: z.string().nullable(),
  entity: z.string(),
  entityId: Id,
  field: z.string(),
  reason: z.string(),
  at: IsoDateTime,
})
export type AccessLogEntry = z.infer<typeof AccessLogEntry>
export * from './import.js'
