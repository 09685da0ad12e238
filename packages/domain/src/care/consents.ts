import { z } from 'zod'
import { Id, IsoDateTime } from '../common.js'
import { ConsentScope } from './codes.js'

/** Who gave a consent: the beneficiary themself, or a guardian (named) for someone who cannot. */
export const ConsentGivenBy = z
  .object({ kind: z.enum(['self', 'guardian']), name: z.string().trim().min(1).max(50).optional() })
  .refine((g) => g.kind === 'self' || !!g.name, { path: ['name'], message: 'a guardian must be named' })
export type ConsentGivenBy = z.infer<typeof ConsentGivenBy>

/**
 * A written consent to keep sensitive personal information (《个人信息保护法》 art. 28–29): what it
 * covers, the version of the consent form signed, who gave it and when (not in the future).
 */
export const BeneficiaryConsentInput = z.object({
  scope: z
    .array(ConsentScope)
    .min(1)
    .max(4)
    .refine((s) => new Set(s).size === s.length, 'each scope once'),
  version: z.string().trim().min(1).max(40),
  givenBy: ConsentGivenBy,
  givenAt: IsoDateTime,
})
export type BeneficiaryConsentInput = z.infer<typeof BeneficiaryConsentInput>

export const BeneficiaryConsent = z.object({
  id: Id,
  beneficiaryId: Id,
  scope: z.array(ConsentScope),
  version: z.string(),
  givenBy: z.object({ kind: z.enum(['self', 'guardian']), name: z.string().nullable() }),
  givenAt: IsoDateTime,
  recordedAt: IsoDateTime,
  recordedBy: z.string(),
  status: z.enum(['active', 'withdrawn']),
  withdrawnAt: IsoDateTime.nullable(),
  withdrawnBy: z.string().nullable(),
  withdrawReason: z.string().nullable(),
})
export type BeneficiaryConsent = z.infer<typeof BeneficiaryConsent>

/** Withdrawing a consent hides (and stops the storing and revealing of) the fields it covered. */
export const ConsentWithdrawal = z.object({ reason: z.string().trim().min(2).max(200) })
export type ConsentWithdrawal = z.infer<typeof ConsentWithdrawal>
