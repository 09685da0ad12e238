import { defineCodeList } from '../codes/define.js'

// The welfare fund's code lists without zod (labels only), so a screen that shows a channel name
// does not pull the validation library into its bundle; the zod enums are in ./schemas.ts.

/** How money reached the fund: the counter's payment methods plus a bank transfer. */
export const FundChannelList = defineCodeList('fund_channel', [
  { code: 'cash', label: { 'zh-CN': '现金', en: 'Cash' } },
  { code: 'wechat', label: { 'zh-CN': '微信', en: 'WeChat Pay' } },
  { code: 'alipay', label: { 'zh-CN': '支付宝', en: 'Alipay' } },
  { code: 'bank_transfer', label: { 'zh-CN': '银行转账', en: 'Bank transfer' } },
  { code: 'other', label: { 'zh-CN': '其他', en: 'Other' } },
])

/** Who gave money: a named person, an enterprise or organisation, or someone who stays anonymous. */
export const FundDonorKindList = defineCodeList('fund_donor_kind', [
  { code: 'person', label: { 'zh-CN': '爱心人士', en: 'Individual' } },
  { code: 'enterprise', label: { 'zh-CN': '爱心企业/组织', en: 'Enterprise or organisation' } },
  { code: 'anonymous', label: { 'zh-CN': '匿名', en: 'Anonymous' } },
])

/** The three kinds of entry in the fund's ledger. */
export const FundEntryKindList = defineCodeList('fund_entry_kind', [
  { code: 'income', label: { 'zh-CN': '收入', en: 'Income' } },
  { code: 'expense', label: { 'zh-CN': '支出', en: 'Expense' } },
  { code: 'reversal', label: { 'zh-CN': '冲销', en: 'Reversal' } },
])

/** Where an expense request stands: requested, then approved (posted) or rejected by a second person. */
export const ExpenseStatusList = defineCodeList('fund_expense_status', [
  { code: 'requested', label: { 'zh-CN': '待审批', en: 'Awaiting approval' } },
  { code: 'approved', label: { 'zh-CN': '已批准', en: 'Approved' } },
  { code: 'rejected', label: { 'zh-CN': '已驳回', en: 'Rejected' } },
])

/** How a donor is named on a fund receipt when there is no name to show. */
export const ANONYMOUS_FUND_DONOR_LABEL = { 'zh-CN': '匿名爱心人士', en: 'Anonymous donor' } as const
