export * from './define.js'
export * from './schema.js'
export * from './schemas.js'
export * from './roles.js'
export * from './people.js'
export * from './beneficiaries.js'
export * from './projects.js'
export * from './aid.js'
export * from './money.js'

import { RoleList } from './roles.js'
import { AgeBandList, GenderList, VolunteerAffiliationList } from './people.js'
import { BeneficiaryKindList, DisabilityCategoryList, DisabilityGradeList } from './beneficiaries.js'
import { ServiceProjectList } from './projects.js'
import { AssistanceMeasureKindList, PovertyCauseList } from './aid.js'
import { PaymentMethodList, StockAdjustmentReasonList, ValuationBasisList } from './money.js'

/** Every code list by its name, so a UI or a test can iterate them. */
export const CODE_LISTS = {
  role: RoleList,
  volunteer_affiliation: VolunteerAffiliationList,
  age_band: AgeBandList,
  gender: GenderList,
  service_project: ServiceProjectList,
  beneficiary_kind: BeneficiaryKindList,
  disability_category: DisabilityCategoryList,
  disability_grade: DisabilityGradeList,
  poverty_cause: PovertyCauseList,
  assistance_measure_kind: AssistanceMeasureKindList,
  payment_method: PaymentMethodList,
  valuation_basis: ValuationBasisList,
  stock_adjustment_reason: StockAdjustmentReasonList,
} as const
export type CodeListName = keyof typeof CODE_LISTS
