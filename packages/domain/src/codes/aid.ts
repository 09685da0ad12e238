import { defineCodeList } from './define.js'

/** 致贫原因: why a household is poor (a household may have several). */
export const PovertyCauseList = defineCodeList('poverty_cause', [
  { code: 'illness', label: { 'zh-CN': '因病', en: 'Illness' } },
  { code: 'disability', label: { 'zh-CN': '因残', en: 'Disability' } },
  { code: 'education', label: { 'zh-CN': '因学', en: 'Education costs' } },
  { code: 'disaster', label: { 'zh-CN': '因灾', en: 'Disaster' } },
  { code: 'lack_of_land', label: { 'zh-CN': '缺土地', en: 'Lack of land' } },
  { code: 'lack_of_water', label: { 'zh-CN': '缺水', en: 'Lack of water' } },
  { code: 'lack_of_skills', label: { 'zh-CN': '缺技术', en: 'Lack of skills' } },
  { code: 'lack_of_labour', label: { 'zh-CN': '缺劳力', en: 'Lack of labour' } },
  { code: 'lack_of_funds', label: { 'zh-CN': '缺资金', en: 'Lack of funds' } },
  { code: 'poor_transport', label: { 'zh-CN': '交通条件落后', en: 'Poor transport' } },
  { code: 'lack_of_motivation', label: { 'zh-CN': '自身发展动力不足', en: 'Lack of drive to develop' } },
  { code: 'other', label: { 'zh-CN': '其他', en: 'Other' } },
])

/** 帮扶措施: kinds of assistance planned and recorded for a household. */
export const AssistanceMeasureKindList = defineCodeList('assistance_measure_kind', [
  { code: 'industry', label: { 'zh-CN': '产业', en: 'Industry' } },
  { code: 'employment', label: { 'zh-CN': '就业', en: 'Employment' } },
  { code: 'education_training', label: { 'zh-CN': '教育/技能培训', en: 'Education / skills training' } },
  { code: 'health', label: { 'zh-CN': '健康', en: 'Health' } },
  { code: 'housing', label: { 'zh-CN': '住房', en: 'Housing' } },
  { code: 'finance', label: { 'zh-CN': '金融', en: 'Finance' } },
  { code: 'living_conditions', label: { 'zh-CN': '生活条件', en: 'Living conditions' } },
  { code: 'social_security', label: { 'zh-CN': '综合保障', en: 'Social security' } },
  { code: 'consumption', label: { 'zh-CN': '消费帮扶', en: 'Consumption support' } },
  { code: 'other', label: { 'zh-CN': '其他', en: 'Other' } },
])
