import { defineCodeList } from '../codes/define.js'

// The partners' code lists without zod (labels only); the zod enums are in ./schemas.ts.

/** 爱心企业 / 爱心人士 / 社会组织. */
export const PartnerKindList = defineCodeList('partner_kind', [
  { code: 'enterprise', label: { 'zh-CN': '爱心企业', en: 'Caring enterprise' } },
  { code: 'individual', label: { 'zh-CN': '爱心人士', en: 'Caring individual' } },
  { code: 'organisation', label: { 'zh-CN': '社会组织', en: 'Organisation' } },
])

/** 帮扶意向: what a partner has signed up to give. */
export const AidIntentionKindList = defineCodeList('aid_intention_kind', [
  { code: 'money', label: { 'zh-CN': '资金捐助', en: 'Money' } },
  { code: 'goods', label: { 'zh-CN': '物资捐赠', en: 'Goods' } },
  { code: 'skills_training', label: { 'zh-CN': '技能培训', en: 'Skills training' } },
  { code: 'jobs', label: { 'zh-CN': '提供就业岗位', en: 'Jobs' } },
  { code: 'purchases', label: { 'zh-CN': '消费帮扶（采购产品）', en: 'Purchases of products' } },
])

/** Where an aid intention stands. */
export const AidIntentionStatusList = defineCodeList('aid_intention_status', [
  { code: 'open', label: { 'zh-CN': '有效', en: 'Open' } },
  { code: 'fulfilled', label: { 'zh-CN': '已兑现', en: 'Fulfilled' } },
  { code: 'withdrawn', label: { 'zh-CN': '已撤回', en: 'Withdrawn' } },
])

/**
 * Where a partner's actual giving is found. Aid households (情系藏区, issue 7) add a code here and a
 * source in the API's partners/contributions.ts.
 */
export const ContributionSourceList = defineCodeList('contribution_source', [
  { code: 'fund', label: { 'zh-CN': '公益基金', en: 'Welfare fund' } },
  { code: 'granary', label: { 'zh-CN': '茶义仓', en: 'Charity granary' } },
])
