import { computed } from 'vue'
import {
  AidConfirmMethodList,
  AidHouseholdTypeList,
  AidMeasureStatusList,
  AidMonitoringDecisionList,
  AidMonitoringTriggerList,
  AidNeedKindList,
  AidNeedStatusList,
  AssistanceMeasureKindList,
  ChecklistItemList,
  ExitReasonList,
  HealthStatusList,
  HouseholdRelationList,
  HousingStructureList,
  LabourCapacityList,
  PovertyCauseList,
  SchoolingStatusList,
  type Locale,
} from '@chayi/domain'
import { useAidMessages } from './messages'

// Code-list labels (they carry both languages in the domain) in the language being shown.
export function useLabels() {
  const i18n = useAidMessages()
  const loc = computed<Locale>(() => (i18n.locale.value === 'en' ? 'en' : 'zh-CN'))
  return {
    locale: loc,
    cause: (c: string) => PovertyCauseList.label(c as never, loc.value),
    type: (c: string) => AidHouseholdTypeList.label(c as never, loc.value),
    relation: (c: string) => HouseholdRelationList.label(c as never, loc.value),
    labour: (c: string) => LabourCapacityList.label(c as never, loc.value),
    health: (c: string) => HealthStatusList.label(c as never, loc.value),
    schooling: (c: string) => SchoolingStatusList.label(c as never, loc.value),
    structure: (c: string) => HousingStructureList.label(c as never, loc.value),
    structureOptions: () => HousingStructureList.options(loc.value),
    measureKind: (c: string) => AssistanceMeasureKindList.label(c as never, loc.value),
    measureKindOptions: () => AssistanceMeasureKindList.options(loc.value),
    measureStatus: (c: string) => AidMeasureStatusList.label(c as never, loc.value),
    needKind: (c: string) => AidNeedKindList.label(c as never, loc.value),
    needKindOptions: () => AidNeedKindList.options(loc.value),
    needStatus: (c: string) => AidNeedStatusList.label(c as never, loc.value),
    confirmMethod: (c: string) => AidConfirmMethodList.label(c as never, loc.value),
    trigger: (c: string) => AidMonitoringTriggerList.label(c as never, loc.value),
    decision: (c: string) => AidMonitoringDecisionList.label(c as never, loc.value),
    /** An exit reason; `checklist:food` is labelled by its item. */
    exitReason: (r: string) => (r.startsWith('checklist:') ? ChecklistItemList.label(r.slice(10) as never, loc.value) : ExitReasonList.label(r as never, loc.value)),
  }
}

/** How a household status looks as a badge. */
export const STATUS_TONE = { identified: 'neutral', assisted: 'info', exit_proposed: 'warning', exited: 'success', monitored: 'brand' } as const

/** How a measure, a need or a decision looks as a badge. */
export const MEASURE_TONE = { planned: 'neutral', in_progress: 'info', done: 'success', cancelled: 'neutral' } as const
export const NEED_TONE = { open: 'warning', pledged: 'info', delivered: 'success', withdrawn: 'neutral' } as const
