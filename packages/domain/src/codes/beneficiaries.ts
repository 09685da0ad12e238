import { defineCodeList } from './define.js'

/** Kinds of beneficiary (受助对象). Charity cups go to `elderly` and `disabled`. */
export const BeneficiaryKindList = defineCodeList('beneficiary_kind', [
  { code: 'elderly', label: { 'zh-CN': '老年人', en: 'Elderly' } },
  { code: 'disabled', label: { 'zh-CN': '残疾人', en: 'Person with disability' } },
  { code: 'empty_nest_elderly', label: { 'zh-CN': '空巢老人', en: 'Empty-nest elderly' } },
  { code: 'low_income', label: { 'zh-CN': '低收入', en: 'Low income' } },
])

/** The seven categories of the national disability certificate (残疾人证). */
export const DisabilityCategoryList = defineCodeList('disability_category', [
  { code: 'visual', label: { 'zh-CN': '视力残疾', en: 'Visual' } },
  { code: 'hearing', label: { 'zh-CN': '听力残疾', en: 'Hearing' } },
  { code: 'speech', label: { 'zh-CN': '言语残疾', en: 'Speech' } },
  { code: 'physical', label: { 'zh-CN': '肢体残疾', en: 'Physical' } },
  { code: 'intellectual', label: { 'zh-CN': '智力残疾', en: 'Intellectual' } },
  { code: 'mental', label: { 'zh-CN': '精神残疾', en: 'Mental' } },
  { code: 'multiple', label: { 'zh-CN': '多重残疾', en: 'Multiple' } },
])

/** Disability grades of the certificate; `grade` 1 is the most severe, 4 the mildest. */
export const DisabilityGradeList = defineCodeList('disability_grade', [
  { code: 'grade_1', label: { 'zh-CN': '一级', en: 'Grade 1' }, grade: 1 },
  { code: 'grade_2', label: { 'zh-CN': '二级', en: 'Grade 2' }, grade: 2 },
  { code: 'grade_3', label: { 'zh-CN': '三级', en: 'Grade 3' }, grade: 3 },
  { code: 'grade_4', label: { 'zh-CN': '四级', en: 'Grade 4' }, grade: 4 },
])
