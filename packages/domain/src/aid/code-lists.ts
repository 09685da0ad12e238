import {
  AidConfirmMethodList,
  AidHouseholdStatusList,
  AidHouseholdTypeList,
  AidMeasureStatusList,
  AidNeedKindList,
  AidNeedStatusList,
  AidPlaceLevelList,
  EducationLevelList,
  HealthStatusList,
  HouseholdRelationList,
  HousingStructureList,
  InsuranceKindList,
  LabourCapacityList,
  SchoolingStatusList,
} from '../codes/aid.js'
import { AidExitStateList, ChecklistItemList, ExitReasonList, HardshipKindList } from './exit.js'
import { IncomeBandList } from './insights.js'
import { AidMonitoringDecisionList, AidMonitoringTriggerList } from './monitoring.js'

/**
 * The aid context's code lists by name (kept apart from CODE_LISTS, which the identity slice owns),
 * gathered here — after every file that defines one — so no contract file imports another in a circle.
 */
export const AID_CODE_LISTS = {
  aid_household_type: AidHouseholdTypeList,
  labour_capacity: LabourCapacityList,
  health_status: HealthStatusList,
  household_relation: HouseholdRelationList,
  housing_structure: HousingStructureList,
  education_level: EducationLevelList,
  schooling_status: SchoolingStatusList,
  insurance_kind: InsuranceKindList,
  aid_household_status: AidHouseholdStatusList,
  aid_place_level: AidPlaceLevelList,
  aid_need_kind: AidNeedKindList,
  aid_need_status: AidNeedStatusList,
  aid_measure_status: AidMeasureStatusList,
  aid_confirm_method: AidConfirmMethodList,
  aid_exit_reason: ExitReasonList,
  aid_checklist_item: ChecklistItemList,
  aid_hardship_kind: HardshipKindList,
  aid_exit_state: AidExitStateList,
  aid_monitoring_decision: AidMonitoringDecisionList,
  aid_monitoring_trigger: AidMonitoringTriggerList,
  aid_income_band: IncomeBandList,
} as const
