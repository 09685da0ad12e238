import { defineCodeList } from './define.js'

/** What brought a volunteer to the team. */
export const VolunteerAffiliationList = defineCodeList('volunteer_affiliation', [
  { code: 'party_member', label: { 'zh-CN': '党员', en: 'Party member' } },
  { code: 'community_worker', label: { 'zh-CN': '社区工作者', en: 'Community worker' } },
  { code: 'enterprise_employee', label: { 'zh-CN': '企业员工', en: 'Enterprise employee' } },
  { code: 'care_staff', label: { 'zh-CN': '关爱中心工作人员', en: 'Care-centre staff' } },
  { code: 'resident', label: { 'zh-CN': '居民', en: 'Resident' } },
])

/**
 * The three volunteer age bands of the seed, in full years (both ends inclusive);
 * `maxAge: null` means open-ended. Under 14 there is no band (see `ageBandOf`).
 */
export const AgeBandList = defineCodeList('age_band', [
  { code: 'youth', label: { 'zh-CN': '青年', en: 'Youth' }, minAge: 14, maxAge: 35 },
  { code: 'middle_aged', label: { 'zh-CN': '中年', en: 'Middle-aged' }, minAge: 36, maxAge: 59 },
  { code: 'elderly', label: { 'zh-CN': '老年', en: 'Elderly' }, minAge: 60, maxAge: null },
])

export const GenderList = defineCodeList('gender', [
  { code: 'male', label: { 'zh-CN': '男', en: 'Male' } },
  { code: 'female', label: { 'zh-CN': '女', en: 'Female' } },
  { code: 'unspecified', label: { 'zh-CN': '未说明', en: 'Not stated' } },
])
