import { defineCodeList } from '../codes/define.js'

// The granary's code lists without zod (labels only), so a screen that shows a category name does
// not pull the validation library into its bundle; the zod enums are in ./schemas.ts.

/** What kind of goods a lot holds (茶义仓 categories). */
export const GranaryCategoryList = defineCodeList('granary_category', [
  { code: 'grain_oil', label: { 'zh-CN': '粮油', en: 'Grain and oil' } },
  { code: 'food', label: { 'zh-CN': '食品', en: 'Food' } },
  { code: 'daily_necessities', label: { 'zh-CN': '日用品', en: 'Daily necessities' } },
  { code: 'clothing', label: { 'zh-CN': '衣物', en: 'Clothing' } },
  { code: 'bedding', label: { 'zh-CN': '床上用品', en: 'Bedding' } },
  { code: 'stationery', label: { 'zh-CN': '文具', en: 'Stationery' } },
  { code: 'medical_supplies', label: { 'zh-CN': '医疗用品', en: 'Medical supplies' } },
  { code: 'tea', label: { 'zh-CN': '茶叶', en: 'Tea' } },
  { code: 'other', label: { 'zh-CN': '其他', en: 'Other' } },
])

/** Who gave: a named person, an enterprise, or someone who stays anonymous. */
export const DonorKindList = defineCodeList('granary_donor_kind', [
  { code: 'person', label: { 'zh-CN': '爱心人士', en: 'Individual' } },
  { code: 'enterprise', label: { 'zh-CN': '爱心企业', en: 'Enterprise' } },
  { code: 'anonymous', label: { 'zh-CN': '匿名', en: 'Anonymous' } },
])

/** Who received a distribution (出库对象). */
export const RecipientKindList = defineCodeList('granary_recipient_kind', [
  { code: 'beneficiary', label: { 'zh-CN': '受助对象', en: 'Beneficiary' } },
  { code: 'aid_household', label: { 'zh-CN': '帮扶户', en: 'Aid household' } },
  { code: 'activity', label: { 'zh-CN': '活动', en: 'Activity' } },
])

/** The four kinds of entry in the stock ledger. */
export const MovementKindList = defineCodeList('granary_movement_kind', [
  { code: 'in', label: { 'zh-CN': '入库（捐赠）', en: 'In (donation)' } },
  { code: 'out', label: { 'zh-CN': '出库（发放）', en: 'Out (distribution)' } },
  { code: 'adjustment', label: { 'zh-CN': '调整', en: 'Adjustment' } },
  { code: 'reversal', label: { 'zh-CN': '冲销', en: 'Reversal' } },
])

/** Units the intake form suggests; any short unit is accepted. */
export const GRANARY_UNITS = ['件', '袋', '箱', '桶', '瓶', '包', '盒', '斤', '套', '床', '条', '双', '本', '支'] as const

/** How a donor is named on a receipt when there is no name to show. */
export const ANONYMOUS_DONOR_LABEL = { 'zh-CN': '匿名爱心人士', en: 'Anonymous donor' } as const
