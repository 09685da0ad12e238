import { z } from 'zod'
import { Id, IsoDate, IsoDateTime, Phone } from '../common.js'
import { Gender, PovertyCause } from '../codes/schemas.js'
import {
  AidHouseholdStatus,
  AidHouseholdType,
  AidPlaceLevel,
  EducationLevel,
  HealthStatus,
  HouseholdRelation,
  HousingStructure,
  InsuranceKind,
  LabourCapacity,
  SchoolingStatus,
} from './codes.js'

const Text = (max: number) => z.string().trim().min(1).max(max)
const Reason = z.string().trim().min(2).max(200)
/** A person's name in any script; Tibetan (with its tsheg ་) is plain UTF-8 text, kept as given. */
const PersonName = Text(100)
/** 亩, m² or km with at most one decimal place, as text so the value stays exact: `"12.5"`. */
export const Decimal1 = z.string().regex(/^\d{1,7}(\.\d)?$/, 'a number with at most one decimal place, e.g. "12.5"')
export type Decimal1 = z.infer<typeof Decimal1>
/** A bank card or account number: 10–30 digits (spaces dropped). */
const BankAccount = z
  .string()
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{10,30}$/, '10–30 digits'))
const DisabilityCertificate = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z]{8,30}$/, '8–30 letters and digits')
  .transform((v) => v.toUpperCase())

/** How a sealed field shows: `masked` for a caller who may reveal it, nothing (`hidden: 'role'`) otherwise. */
export const AidMaskedField = z.object({ masked: z.string().nullable(), hidden: z.enum(['role']).nullable() })
export type AidMaskedField = z.infer<typeof AidMaskedField>

// ── places ────────────────────────────────────────────────────────────────────────────────────

export const NewAidPlace = z.object({
  level: AidPlaceLevel,
  /** Required except for a county: the place one level up. */
  parentId: Id.optional(),
  name: Text(50),
  /** The name in Tibetan script, e.g. `བཀྲ་ཤིས་སྒང་`. */
  nameBo: Text(100).optional(),
})
export type NewAidPlace = z.infer<typeof NewAidPlace>

export const AidPlace = z.object({
  id: Id,
  level: AidPlaceLevel,
  parentId: Id.nullable(),
  name: z.string(),
  nameBo: z.string().nullable(),
  /** Names from the county down, e.g. `["示例县","卓玛乡","达瓦村"]`. */
  path: z.array(z.string()),
  createdAt: IsoDateTime,
})
export type AidPlace = z.infer<typeof AidPlace>

// ── members ───────────────────────────────────────────────────────────────────────────────────

const Insurance = z
  .array(InsuranceKind)
  .max(4)
  .refine((k) => new Set(k).size === k.length, 'each kind once')

const memberFields = {
  relation: HouseholdRelation,
  name: PersonName,
  gender: Gender,
  birthDate: IsoDate,
  /** 民族, e.g. 藏族. */
  ethnicity: Text(20),
  education: EducationLevel,
  schooling: SchoolingStatus,
  healthStatus: HealthStatus,
  labourCapacity: LabourCapacity,
  /** 务工月数 in the last year. */
  monthsAway: z.number().int().min(0).max(12),
  insurance: Insurance,
}

export const NewAidMember = z.object({
  ...memberFields,
  /** 残疾证号: sealed. */
  disabilityCertificate: DisabilityCertificate.optional(),
  /** Sealed. */
  healthNotes: Text(2000).optional(),
})
export type NewAidMember = z.input<typeof NewAidMember>
export type NewAidMemberParsed = z.output<typeof NewAidMember>

/** A change to a member, made on top of `baseVersion`; sealed fields are replaced whole or erased with null. */
export const AidMemberPatch = z
  .object({
    ...memberFields,
    disabilityCertificate: DisabilityCertificate.nullable(),
    healthNotes: Text(2000).nullable(),
  })
  .partial()
  .extend({ baseVersion: z.number().int().min(1) })
  .refine((c) => Object.keys(c).length > 1, 'nothing to change')
export type AidMemberPatch = z.input<typeof AidMemberPatch>
export type AidMemberPatchParsed = z.output<typeof AidMemberPatch>

export const AidMember = z.object({
  id: Id,
  householdId: Id,
  relation: HouseholdRelation,
  name: z.string(),
  gender: Gender,
  birthDate: IsoDate,
  ethnicity: z.string(),
  education: EducationLevel,
  schooling: SchoolingStatus,
  healthStatus: HealthStatus,
  labourCapacity: LabourCapacity,
  monthsAway: z.number().int(),
  insurance: z.array(InsuranceKind),
  sensitive: z.object({ disabilityCertificate: AidMaskedField, healthNotes: AidMaskedField }),
  version: z.number().int(),
  updatedAt: IsoDateTime,
})
export type AidMember = z.infer<typeof AidMember>

// ── households ────────────────────────────────────────────────────────────────────────────────

const SecondaryCauses = z
  .array(PovertyCause)
  .max(2)
  .refine((k) => new Set(k).size === k.length, 'each cause once')

const householdFields = {
  placeId: Id,
  householdType: AidHouseholdType,
  yearIdentified: z.number().int().min(2013).max(2100),
  mainCause: PovertyCause,
  secondaryCauses: SecondaryCauses,
  landCultivatedMu: Decimal1,
  landForestMu: Decimal1,
  landGrazingMu: Decimal1,
  housingAreaM2: Decimal1.nullable(),
  housingStructure: HousingStructure,
  housingSafe: z.boolean(),
  safeWater: z.boolean(),
  electricity: z.boolean(),
  marketDistanceKm: Decimal1.nullable(),
  /** The aid worker who keeps this household (a user of the team). */
  assignedWorkerId: Id.nullable(),
}

const causesApart = (h: { mainCause?: string | undefined; secondaryCauses?: string[] | undefined }, ctx: z.RefinementCtx) => {
  if (h.mainCause && h.secondaryCauses?.includes(h.mainCause)) {
    ctx.addIssue({ code: 'custom', path: ['secondaryCauses'], message: 'must not repeat the main cause' })
  }
}

export const NewAidHousehold = z
  .object({
    ...householdFields,
    secondaryCauses: SecondaryCauses.default([]),
    landCultivatedMu: Decimal1.default('0'),
    landForestMu: Decimal1.default('0'),
    landGrazingMu: Decimal1.default('0'),
    housingAreaM2: Decimal1.nullable().default(null),
    marketDistanceKm: Decimal1.nullable().default(null),
    assignedWorkerId: Id.nullable().default(null),
    /** 银行账号 for transfers: sealed. */
    bankAccount: BankAccount.optional(),
    /** Members recorded with the household, in one write (the head among them). */
    members: z.array(NewAidMember).max(20).default([]),
  })
  .superRefine(causesApart)
export type NewAidHousehold = z.input<typeof NewAidHousehold>
export type NewAidHouseholdParsed = z.output<typeof NewAidHousehold>

/** A change to a household, made on top of `baseVersion`. Status has its own request. */
export const AidHouseholdPatch = z
  .object({ ...householdFields, bankAccount: BankAccount.nullable() })
  .partial()
  .extend({ baseVersion: z.number().int().min(1) })
  .superRefine(causesApart)
  .refine((c) => Object.keys(c).length > 1, 'nothing to change')
export type AidHouseholdPatch = z.input<typeof AidHouseholdPatch>
export type AidHouseholdPatchParsed = z.output<typeof AidHouseholdPatch>

/** A household in lists: code, place, type, causes and status; the head's name masked. */
export const AidHouseholdListItem = z.object({
  id: Id,
  code: z.string(),
  placeId: Id,
  placePath: z.array(z.string()),
  householdType: AidHouseholdType,
  yearIdentified: z.number().int(),
  mainCause: PovertyCause,
  secondaryCauses: z.array(PovertyCause),
  status: AidHouseholdStatus,
  headNameMasked: z.string().nullable(),
  memberCount: z.number().int(),
  assignedWorkerId: Id.nullable(),
  version: z.number().int(),
  updatedAt: IsoDateTime,
})
export type AidHouseholdListItem = z.infer<typeof AidHouseholdListItem>

/** `by` is the audit actor (`user:<id>`, `system:…`); `byName` the person's display name when it is one. */
export const AidStatusEntry = z.object({ id: Id, from: AidHouseholdStatus.nullable(), to: AidHouseholdStatus, at: IsoDateTime, by: z.string(), byName: z.string().nullable(), reason: z.string() })
export type AidStatusEntry = z.infer<typeof AidStatusEntry>

export const AidPairing = z.object({
  id: Id,
  householdId: Id,
  partnerId: Id,
  partnerName: z.string(),
  responsibleName: z.string(),
  responsiblePhoneMasked: z.string().nullable(),
  startedAt: IsoDateTime,
  endedAt: IsoDateTime.nullable(),
  endReason: z.string().nullable(),
})
export type AidPairing = z.infer<typeof AidPairing>

/** A year's lines as they apply to one household (its place's, or the team-wide ones). */
export const AidYearLine = z.object({ year: z.number().int(), dibaoFen: z.number().int(), monitoringFen: z.number().int() })
export type AidYearLine = z.infer<typeof AidYearLine>

/** One household with its members, current pairing and status history (oldest first). */
export const AidHouseholdDetail = AidHouseholdListItem.omit({ headNameMasked: true }).extend({
  headName: z.string().nullable(),
  landCultivatedMu: Decimal1,
  landForestMu: Decimal1,
  landGrazingMu: Decimal1,
  housingAreaM2: Decimal1.nullable(),
  housingStructure: HousingStructure,
  housingSafe: z.boolean(),
  safeWater: z.boolean(),
  electricity: z.boolean(),
  marketDistanceKm: Decimal1.nullable(),
  sensitive: z.object({ bankAccount: AidMaskedField }),
  /** Whether this caller may reveal sealed fields (the assigned worker, a leader or an admin). */
  canReveal: z.boolean(),
  members: z.array(AidMember),
  pairing: AidPairing.nullable(),
  statusHistory: z.array(AidStatusEntry),
  /** Every year the team set lines for, as they apply at this household's place (oldest first): a visit compares with its own year's. */
  lines: z.array(AidYearLine),
  createdAt: IsoDateTime,
})
export type AidHouseholdDetail = z.infer<typeof AidHouseholdDetail>

export const AidHouseholdListQuery = z.object({
  status: AidHouseholdStatus.optional(),
  /** A place: households in it or anywhere below it. */
  placeId: Id.optional(),
  /** Main or secondary cause. */
  cause: PovertyCause.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
})
export type AidHouseholdListQuery = z.infer<typeof AidHouseholdListQuery>

export const AidStatusChange = z.object({ status: AidHouseholdStatus, reason: Reason })
export type AidStatusChange = z.infer<typeof AidStatusChange>

export const AidRevealField = z.enum(['bank_account', 'disability_certificate', 'health_notes'])
export type AidRevealField = z.infer<typeof AidRevealField>

/** Ask to see one whole sealed value, saying why (one access-log line). Member fields name the member. */
export const AidRevealRequest = z
  .object({ field: AidRevealField, memberId: Id.optional(), reason: Reason })
  .superRefine((r, ctx) => {
    const memberField = r.field !== 'bank_account'
    if (memberField && !r.memberId) ctx.addIssue({ code: 'custom', path: ['memberId'], message: 'required for a member field' })
    if (!memberField && r.memberId) ctx.addIssue({ code: 'custom', path: ['memberId'], message: 'only for a member field' })
  })
export type AidRevealRequest = z.infer<typeof AidRevealRequest>

export const AidRevealed = z.object({ field: AidRevealField, memberId: Id.nullable(), value: z.string().nullable(), accessLogId: Id })
export type AidRevealed = z.infer<typeof AidRevealed>

// ── pairings ──────────────────────────────────────────────────────────────────────────────────

/** Pair a household with a partner: the current pairing (if any) ends with `endReason`. */
export const NewAidPairing = z.object({
  partnerId: Id,
  responsibleName: PersonName,
  responsiblePhone: Phone.optional(),
  endReason: Reason.optional(),
})
export type NewAidPairing = z.infer<typeof NewAidPairing>

// ── conflicts ─────────────────────────────────────────────────────────────────────────────────

/**
 * 409 `version_conflict`: someone changed the record since `baseVersion`. `current` holds the
 * server's values of the fields this change would set differently (sealed ones masked), so the
 * app can show both versions and ask; `issues` names the same fields.
 */
export const VersionConflictBody = z.object({
  error: z.object({
    code: z.literal('version_conflict'),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })),
    currentVersion: z.number().int(),
    current: z.record(z.string(), z.unknown()),
  }),
})
export type VersionConflictBody = z.infer<typeof VersionConflictBody>
