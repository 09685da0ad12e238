import { defineCodeList } from './define.js'

/** How money came in at the counter or to the fund. */
export const PaymentMethodList = defineCodeList('payment_method', [
  { code: 'cash', label: { 'zh-CN': '现金', en: 'Cash' } },
  { code: 'wechat', label: { 'zh-CN': '微信', en: 'WeChat Pay' } },
  { code: 'alipay', label: { 'zh-CN': '支付宝', en: 'Alipay' } },
  { code: 'other', label: { 'zh-CN': '其他', en: 'Other' } },
])

/** How the value of donated goods was determined. */
export const ValuationBasisList = defineCodeList('valuation_basis', [
  { code: 'voucher', label: { 'zh-CN': '凭据', en: 'Invoice or voucher' } },
  { code: 'market_price', label: { 'zh-CN': '市场价', en: 'Market price' } },
  { code: 'estimate', label: { 'zh-CN': '估值', en: 'Estimate' } },
])

/** Why granary stock was adjusted outside a donation or distribution. */
export const StockAdjustmentReasonList = defineCodeList('stock_adjustment_reason', [
  { code: 'stocktake_surplus', label: { 'zh-CN': '盘盈', en: 'Stocktake surplus' } },
  { code: 'stocktake_shortage', label: { 'zh-CN': '盘亏', en: 'Stocktake shortage' } },
  { code: 'damaged', label: { 'zh-CN': '损坏', en: 'Damaged' } },
  { code: 'expired', label: { 'zh-CN': '过期', en: 'Expired' } },
  { code: 'other', label: { 'zh-CN': '其他', en: 'Other' } },
])
