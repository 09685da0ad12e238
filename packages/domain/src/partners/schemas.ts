import type { z } from 'zod'
import { codeSchema } from '../codes/schema.js'
import { AidIntentionKindList, AidIntentionStatusList, ContributionSourceList, PartnerKindList } from './codes.js'

// The zod enums of the partners' code lists, apart from the labels (see ./codes.ts).

export const PartnerKind = /* @__PURE__ */ codeSchema(PartnerKindList)
export type PartnerKind = z.infer<typeof PartnerKind>
export const AidIntentionKind = /* @__PURE__ */ codeSchema(AidIntentionKindList)
export type AidIntentionKind = z.infer<typeof AidIntentionKind>
export const AidIntentionStatus = /* @__PURE__ */ codeSchema(AidIntentionStatusList)
export type AidIntentionStatus = z.infer<typeof AidIntentionStatus>
export const ContributionSource = /* @__PURE__ */ codeSchema(ContributionSourceList)
export type ContributionSource = z.infer<typeof ContributionSource>
