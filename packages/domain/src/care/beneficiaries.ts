import { z } from 'zod'
import { AmountFen, Id, IsoDate, IsoDateTime } from '../common.js'
import { BeneficiaryKind, DisabilityCategory, DisabilityGrade, Gender } from '../codes/schemas.js'
import { isValidChineseIdNumber } from '../rules/privacy.js'
import { BeneficiaryField, BeneficiaryStatus, ConsentScope, LivingSituation } from './codes.js'
import { BeneficiaryConsentInput } from './consents.js'

const PersonName = z.string().trim().min(1).max(50)
const Reason = z.string().trim().min(2).max(200)

/** A mobile number, or a landline with its area code (many elderly people have only a landline). */
export const BeneficiaryPhone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'must be an 11-digit mobile number or a landline with its area code')
export type BeneficiaryPhone = z.infer<typeof BeneficiaryPhone>

/** A guardian or emergency contact of a beneficiary. */
export const BeneficiaryContact = z.object({ name: PersonName, relation: z.string().trim().min(1).max(30), phone: BeneficiaryPhone })
export type BeneficiaryContact = z.infer<typeof BeneficiaryContact>

/** An 18-character resident ID number (check character verified), kept in capitals. */
export const ResidentIdNumber = z
  .string()
  .trim()
  .refine((v) => isValidChineseIdNumber(v), 'not a valid resident ID number (length, birth date or check character)')
  .transform((v) => v.toUpperCase())

/** The disability certificate (残疾人证): category, grade and number. */
export const DisabilityRecord = z.object({
  category: DisabilityCategory,
  grade: DisabilityGrade,
  certificateNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{8,30}$/, '8–30 letters and digits')
    .transform((v) => v.toUpperCase())
    .nullable()
    .default(null),
})
export type DisabilityRecord = z.infer<typeof DisabilityRecord>

const Kinds = z
  .array(BeneficiaryKind)
  .min(1)
  .max(4)
  .refine((k) => new Set(k).size === k.length, 'each kind once')

const HealthNotes = z.string().trim().min(1).max(2000)
/** Monthly income in fen; capped well above any real figure so a typo of extra digits is caught. */
const MonthlyIncomeFen = AmountFen.max(100_000_000)

const birthDateOfId = (id: string) => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`

/** The birth date inside a resident ID number must be the person's birth date. */
export function idNumberMatchesBirthDate(idNumber: string, birthDate: string): boolean {
  return birthDateOfId(idNumber) === birthDate
}

/**
 * A new beneficiary. Sensitive fields (ID number, disability, health, income) may only be stored
 * under a consent covering them: given here as `consent` (recorded first, in the same write) or
 * later with its own request. Phone, address and contact are sealed but need no consent.
 */
export const NewBeneficiary = z
  .object({
    kinds: Kinds,
    name: PersonName,
    gender: Gender,
    birthDate: IsoDate,
    community: z.string().trim().min(1).max(100),
    address: z.string().trim().min(1).max(200).optional(),
    phone: BeneficiaryPhone.optional(),
    livingSituation: LivingSituation,
    emergencyContact: BeneficiaryContact.optional(),
    idNumber: ResidentIdNumber.optional(),
    disability: DisabilityRecord.optional(),
    healthNotes: HealthNotes.optional(),
    monthlyIncomeFen: MonthlyIncomeFen.optional(),
    consent: BeneficiaryConsentInput.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.idNumber && !idNumberMatchesBirthDate(b.idNumber, b.birthDate)) {
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'does not match the birth date in the ID number' })
    }
  })
export type NewBeneficiary = z.input<typeof NewBeneficiary>
export type NewBeneficiaryParsed = z.output<typeof NewBeneficiary>

/**
 * A change to a beneficiary: any of the plain fields, and sealed fields replaced whole or erased
 * with `null`. A new sensitive value needs an active consent covering it; erasing never does.
 * Status has its own request (with a reason); unknown keys are dropped.
 */
export const BeneficiaryChange = z
  .object({
    kinds: Kinds,
    name: PersonName,
    gender: Gender,
    birthDate: IsoDate,
    community: z.string().trim().min(1).max(100),
    livingSituation: LivingSituation,
    address: z.string().trim().min(1).max(200).nullable(),
    phone: BeneficiaryPhone.nullable(),
    emergencyContact: BeneficiaryContact.nullable(),
    idNumber: ResidentIdNumber.nullable(),
    disability: DisabilityRecord.nullable(),
    healthNotes: HealthNotes.nullable(),
    monthlyIncomeFen: MonthlyIncomeFen.nullable(),
  })
  .partial()
  .refine((c) => Object.keys(c).length > 0, 'nothing to change')
export type BeneficiaryChange = z.input<typeof BeneficiaryChange>
export type BeneficiaryChangeParsed = z.output<typeof BeneficiaryChange>

/**
 * How a sealed field shows outside a reveal: `masked` is a display form (null when nothing is
 * recorded or the field is hidden); `hidden` says why it is withheld: `no_consent` while no active
 * consent covers it, `role` for a caller whose role does not need it.
 */
export const MaskedField = z.object({ masked: z.string().nullable(), hidden: z.enum(['no_consent', 'role']).nullable() })
export type MaskedField = z.infer<typeof MaskedField>

/**
 * A beneficiary in lists and on its page. Care staff and admins see the name and birth date and
 * masks of the sealed fields; a leader (`view: 'masked'`) sees a masked name, the age only, the
 * community and masked contact details, and none of the sensitive fields.
 */
export const Beneficiary = z.object({
  id: Id,
  teamId: Id,
  view: z.enum(['staff', 'masked']),
  kinds: z.array(BeneficiaryKind),
  name: z.string(),
  gender: Gender,
  /** Null in the masked view (the age stays). */
  birthDate: IsoDate.nullable(),
  age: z.number().int().nullable(),
  community: z.string(),
  livingSituation: LivingSituation,
  /** `maskPhone` of the phone. */
  phoneMasked: z.string().nullable(),
  /** The address to community level only. */
  addressMasked: z.string().nullable(),
  /** Name and phone masked; null in the masked view or when none is recorded. */
  emergencyContact: z.object({ name: z.string(), relation: z.string(), phoneMasked: z.string() }).nullable(),
  sensitive: z.object({ idNumber: MaskedField, disability: MaskedField, healthNotes: MaskedField, income: MaskedField }),
  /** The scopes some active consent covers now. */
  consentScopes: z.array(ConsentScope),
  status: BeneficiaryStatus,
  statusChangedAt: IsoDateTime,
  /** The active care card, if any. */
  card: z.object({ id: Id, number: z.string() }).nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
})
export type Beneficiary = z.infer<typeof Beneficiary>

export const BeneficiaryStatusEntry = z.object({
  id: Id,
  from: BeneficiaryStatus.nullable(),
  to: BeneficiaryStatus,
  reason: z.string(),
  actor: z.string(),
  at: IsoDateTime,
})
export type BeneficiaryStatusEntry = z.infer<typeof BeneficiaryStatusEntry>

/** One beneficiary with its status history (oldest first). */
export const BeneficiaryDetail = Beneficiary.extend({ statusHistory: z.array(BeneficiaryStatusEntry) })
export type BeneficiaryDetail = z.infer<typeof BeneficiaryDetail>

export const BeneficiaryListQuery = z.object({
  kind: BeneficiaryKind.optional(),
  status: BeneficiaryStatus.optional(),
  /** Part of the name. */
  q: z.string().trim().min(1).max(50).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
})
export type BeneficiaryListQuery = z.infer<typeof BeneficiaryListQuery>

/** Pausing, leaving or coming back, always with a reason (kept in the status history). */
export const BeneficiaryStatusChange = z.object({ status: BeneficiaryStatus, reason: Reason })
export type BeneficiaryStatusChange = z.infer<typeof BeneficiaryStatusChange>

/** Care staff ask to see whole values, saying why; one access-log line per field. */
export const BeneficiaryRevealRequest = z.object({
  fields: z
    .array(BeneficiaryField)
    .min(1)
    .max(7)
    .refine((f) => new Set(f).size === f.length, 'each field once'),
  reason: Reason,
})
export type BeneficiaryRevealRequest = z.infer<typeof BeneficiaryRevealRequest>

/** The whole values asked for (null: nothing recorded); keys are the fields' `key`s. */
export const RevealedBeneficiaryFields = z.object({
  beneficiaryId: Id,
  phone: z.string().nullable().optional(),
  address: z.string().nullable().optional(),
  emergencyContact: BeneficiaryContact.nullable().optional(),
  idNumber: z.string().nullable().optional(),
  disability: z.object({ category: DisabilityCategory, grade: DisabilityGrade, certificateNumber: z.string().nullable() }).nullable().optional(),
  healthNotes: z.string().nullable().optional(),
  monthlyIncomeFen: AmountFen.nullable().optional(),
  /** The access-log lines written for this reveal. */
  accessLogIds: z.array(Id),
})
export type RevealedBeneficiaryFields = z.infer<typeof RevealedBeneficiaryFields>

/** Age (full years) from which a person counts as elderly (老年人, 《老年人权益保障法》). */
export const ELDERLY_MIN_AGE = 60
/** The kinds that need the person to be elderly. */
export const ELDERLY_KINDS = ['elderly', 'empty_nest_elderly'] as const
