import { defineCodeList } from './define.js'

/** What a user may do. One user can hold several roles. */
export const RoleList = defineCodeList('role', [
  { code: 'admin', label: { 'zh-CN': '管理员', en: 'Administrator' } },
  { code: 'leader', label: { 'zh-CN': '队长/带头人', en: 'Team leader' } },
  { code: 'care_staff', label: { 'zh-CN': '关爱中心工作人员', en: 'Care-centre staff' } },
  { code: 'aid_worker', label: { 'zh-CN': '帮扶工作人员', en: 'Aid worker' } },
  { code: 'counter_staff', label: { 'zh-CN': '茶馆店员', en: 'Tea-house counter staff' } },
  { code: 'volunteer', label: { 'zh-CN': '志愿者', en: 'Volunteer' } },
  { code: 'district_admin', label: { 'zh-CN': '街道/区管理员', en: 'Subdistrict / district administrator' } },
])
export const ROLES = RoleList.codes
