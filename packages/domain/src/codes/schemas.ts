import type { z } from 'zod'
import { codeSchema } from './schema.js'
import { PovertyCauseList, AssistanceMeasureKindList } from './aid.js'
import { BeneficiaryKindList, DisabilityCategoryList, DisabilityGradeList } from './beneficiaries.js'
import { PaymentMethodList, ValuationBasisList, StockAdjustmentReasonList } from './money.js'
import { VolunteerAffiliationList, AgeBandList, GenderList } from './people.js'
import { ServiceProjectList } from './projects.js'
import { RoleList } from './roles.js'

// The zod enums of the code lists, in a module of their own: a screen that shows only labels
// (role names on the kiosk) imports the lists, never this file, so zod stays out of its bundle.

export const PovertyCause = /* @__PURE__ */ codeSchema(PovertyCauseList)
export type PovertyCause = z.infer<typeof PovertyCause>
export const AssistanceMeasureKind = /* @__PURE__ */ codeSchema(AssistanceMeasureKindList)
export type AssistanceMeasureKind = z.infer<typeof AssistanceMeasureKind>
export const BeneficiaryKind = /* @__PURE__ */ codeSchema(BeneficiaryKindList)
export type BeneficiaryKind = z.infer<typeof BeneficiaryKind>
export const DisabilityCategory = /* @__PURE__ */ codeSchema(DisabilityCategoryList)
export type DisabilityCategory = z.infer<typeof DisabilityCategory>
export const DisabilityGrade = /* @__PURE__ */ codeSchema(DisabilityGradeList)
export type DisabilityGrade = z.infer<typeof DisabilityGrade>
export const PaymentMethod = /* @__PURE__ */ codeSchema(PaymentMethodList)
export type PaymentMethod = z.infer<typeof PaymentMethod>
export const ValuationBasis = /* @__PURE__ */ codeSchema(ValuationBasisList)
export type ValuationBasis = z.infer<typeof ValuationBasis>
export const StockAdjustmentReason = /* @__PURE__ */ codeSchema(StockAdjustmentReasonList)
export type StockAdjustmentReason = z.infer<typeof StockAdjustmentReason>
export const VolunteerAffiliation = /* @__PURE__ */ codeSchema(VolunteerAffiliationList)
export type VolunteerAffiliation = z.infer<typeof VolunteerAffiliation>
export const AgeBand = /* @__PURE__ */ codeSchema(AgeBandList)
export type AgeBand = z.infer<typeof AgeBand>
export const Gender = /* @__PURE__ */ codeSchema(GenderList)
export type Gender = z.infer<typeof Gender>
export const ServiceProject = /* @__PURE__ */ codeSchema(ServiceProjectList)
export type ServiceProject = z.infer<typeof ServiceProject>
export const Role = /* @__PURE__ */ codeSchema(RoleList)
export type Role = z.infer<typeof Role>
