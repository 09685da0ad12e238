import { computed } from 'vue'
import {
  AidHouseholdTypeList,
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
  }
}

/** How a household status looks as a badge. */
export const STATUS_TONE = { identified: 'neutral', assisted: 'info', exit_proposed: 'warning', exited: 'success', monitored: 'brand' } as const
