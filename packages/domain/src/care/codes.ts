import type { z } from 'zod'
import { defineCodeList } from '../codes/define.js'
import { codeSchema } from '../codes/schema.js'

// Code lists of the care register. They live with the context rather than in CODE_LISTS, which
// holds the lists shared across contexts.

/** How a beneficiary lives: the first thing a visitor or the care centre needs to know. */
export const LivingSituationList = defineCodeList('living_situation', [
  { code: 'alone', label: { 'zh-CN': '独居', en: 'Lives alone' } },
  { code: 'with_spouse', label: { 'zh-CN': '与配偶同住', en: 'With spouse' } },
  { code: 'with_children', label: { 'zh-CN': '与子女同住', en: 'With children' } },
  { code: 'with_others', label: { 'zh-CN': '与其他亲友同住', en: 'With other relatives or friends' } },
  { code: 'in_care', label: { 'zh-CN': '入住养老或托养机构', en: 'In a care home' } },
])
export const LivingSituation = /* @__PURE__ */ codeSchema(LivingSituationList)
export type LivingSituation = z.infer<typeof LivingSituation>

/** A beneficiary is never deleted: they pause (hospital, away) or leave the register. */
export const BeneficiaryStatusList = defineCodeList('beneficiary_status', [
  { code: 'active', label: { 'zh-CN': '在册', en: 'Active' } },
  { code: 'paused', label: { 'zh-CN': '暂停', en: 'Paused' } },
  { code: 'left', label: { 'zh-CN': '已退出', en: 'Left' } },
])
export const BeneficiaryStatus = /* @__PURE__ */ codeSchema(BeneficiaryStatusList)
export type BeneficiaryStatus = z.infer<typeof BeneficiaryStatus>

/**
 * What a consent (《个人信息保护法》 sensitive personal information) covers. Without an active
 * consent covering a scope, the fields of that scope are hidden and cannot be stored or revealed.
 */
export const ConsentScopeList = defineCodeList('consent_scope', [
  { code: 'id_number', label: { 'zh-CN': '身份证号码', en: 'ID number' } },
  { code: 'disability', label: { 'zh-CN': '残疾信息', en: 'Disability details' } },
  { code: 'health', label: { 'zh-CN': '健康状况', en: 'Health' } },
  { code: 'income', label: { 'zh-CN': '收入情况', en: 'Income' } },
])
export const ConsentScope = /* @__PURE__ */ codeSchema(ConsentScopeList)
export type ConsentScope = z.infer<typeof ConsentScope>

/**
 * The sealed fields of a beneficiary that can be revealed whole (each reveal is logged).
 * `scope` is the consent a field needs; contact details need none (they are kept to reach the person).
 */
export const BeneficiaryFieldList = defineCodeList('beneficiary_field', [
  { code: 'phone', label: { 'zh-CN': '联系电话', en: 'Phone' }, scope: null, key: 'phone' },
  { code: 'address', label: { 'zh-CN': '详细地址', en: 'Address' }, scope: null, key: 'address' },
  { code: 'emergency_contact', label: { 'zh-CN': '监护人/紧急联系人', en: 'Guardian / emergency contact' }, scope: null, key: 'emergencyContact' },
  { code: 'id_number', label: { 'zh-CN': '身份证号码', en: 'ID number' }, scope: 'id_number', key: 'idNumber' },
  { code: 'disability', label: { 'zh-CN': '残疾类别、等级和证号', en: 'Disability category, grade and certificate' }, scope: 'disability', key: 'disability' },
  { code: 'health_notes', label: { 'zh-CN': '健康状况', en: 'Health notes' }, scope: 'health', key: 'healthNotes' },
  { code: 'income', label: { 'zh-CN': '月收入', en: 'Monthly income' }, scope: 'income', key: 'monthlyIncomeFen' },
] as const)
export const BeneficiaryField = /* @__PURE__ */ codeSchema(BeneficiaryFieldList)
export type BeneficiaryField = z.infer<typeof BeneficiaryField>

/** The consent scope a field needs, or null when it needs none. */
export function consentScopeOf(field: BeneficiaryField): ConsentScope | null {
  return BeneficiaryFieldList.entry(field).scope
}

/** The fields that need consent (sensitive personal information), in list order. */
export const SENSITIVE_BENEFICIARY_FIELDS = BeneficiaryFieldList.entries.filter((e) => e.scope !== null).map((e) => e.code as BeneficiaryField)

export const CareCardStatusList = defineCodeList('care_card_status', [
  { code: 'active', label: { 'zh-CN': '有效', en: 'Active' } },
  { code: 'replaced', label: { 'zh-CN': '已换卡', en: 'Replaced' } },
  { code: 'revoked', label: { 'zh-CN': '已注销', en: 'Revoked' } },
])
export const CareCardStatus = /* @__PURE__ */ codeSchema(CareCardStatusList)
export type CareCardStatus = z.infer<typeof CareCardStatus>
