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

/** 户类型: the household's standing in the social-assistance system. */
export const AidHouseholdTypeList = defineCodeList('aid_household_type', [
  { code: 'general', label: { 'zh-CN': '一般户', en: 'General' } },
  { code: 'dibao', label: { 'zh-CN': '低保户', en: 'Minimum living standard (dibao)' } },
  { code: 'tekun', label: { 'zh-CN': '特困供养户', en: 'Extreme-poverty support (tekun)' } },
])

/** 劳动能力 of a household member. */
export const LabourCapacityList = defineCodeList('labour_capacity', [
  { code: 'ordinary', label: { 'zh-CN': '普通劳动力', en: 'Ordinary labour' } },
  { code: 'skilled', label: { 'zh-CN': '技能劳动力', en: 'Skilled labour' } },
  { code: 'weak', label: { 'zh-CN': '弱劳动力或半劳动力', en: 'Weak or half labour' } },
  { code: 'lost', label: { 'zh-CN': '丧失劳动力', en: 'Lost labour capacity' } },
  { code: 'none', label: { 'zh-CN': '无劳动力', en: 'No labour capacity' } },
])

/** 健康状况 of a household member (the disability certificate itself is sealed apart). */
export const HealthStatusList = defineCodeList('health_status', [
  { code: 'healthy', label: { 'zh-CN': '健康', en: 'Healthy' } },
  { code: 'chronic_illness', label: { 'zh-CN': '长期慢性病', en: 'Chronic illness' } },
  { code: 'serious_illness', label: { 'zh-CN': '患有大病', en: 'Serious illness' } },
  { code: 'disabled', label: { 'zh-CN': '残疾', en: 'Disabled' } },
])

/** 与户主关系. */
export const HouseholdRelationList = defineCodeList('household_relation', [
  { code: 'head', label: { 'zh-CN': '户主', en: 'Head of household' } },
  { code: 'spouse', label: { 'zh-CN': '配偶', en: 'Spouse' } },
  { code: 'child', label: { 'zh-CN': '子女', en: 'Child' } },
  { code: 'child_in_law', label: { 'zh-CN': '儿媳/女婿', en: 'Child-in-law' } },
  { code: 'grandchild', label: { 'zh-CN': '孙子女/外孙子女', en: 'Grandchild' } },
  { code: 'parent', label: { 'zh-CN': '父母', en: 'Parent' } },
  { code: 'grandparent', label: { 'zh-CN': '祖父母/外祖父母', en: 'Grandparent' } },
  { code: 'sibling', label: { 'zh-CN': '兄弟姐妹', en: 'Sibling' } },
  { code: 'other', label: { 'zh-CN': '其他', en: 'Other' } },
])

/** 住房结构. */
export const HousingStructureList = defineCodeList('housing_structure', [
  { code: 'reinforced_concrete', label: { 'zh-CN': '钢混', en: 'Reinforced concrete' } },
  { code: 'brick_concrete', label: { 'zh-CN': '砖混', en: 'Brick and concrete' } },
  { code: 'brick_wood', label: { 'zh-CN': '砖木', en: 'Brick and wood' } },
  { code: 'stone_wood', label: { 'zh-CN': '石木', en: 'Stone and wood' } },
  { code: 'earth_wood', label: { 'zh-CN': '土木', en: 'Earth and wood' } },
  { code: 'other', label: { 'zh-CN': '其他', en: 'Other' } },
])

/** 文化程度 of a household member. */
export const EducationLevelList = defineCodeList('education_level', [
  { code: 'none', label: { 'zh-CN': '文盲或半文盲', en: 'Illiterate or semi-literate' } },
  { code: 'primary', label: { 'zh-CN': '小学', en: 'Primary school' } },
  { code: 'junior_secondary', label: { 'zh-CN': '初中', en: 'Junior secondary' } },
  { code: 'senior_secondary', label: { 'zh-CN': '高中/中专', en: 'Senior secondary / vocational' } },
  { code: 'tertiary', label: { 'zh-CN': '大专及以上', en: 'College or above' } },
  { code: 'preschool', label: { 'zh-CN': '学龄前', en: 'Pre-school age' } },
])

/** 在校生状况 (义务教育保障 is one of 两不愁三保障). */
export const SchoolingStatusList = defineCodeList('schooling_status', [
  { code: 'not_school_age', label: { 'zh-CN': '非在校年龄', en: 'Not of school age' } },
  { code: 'preschool', label: { 'zh-CN': '学前教育', en: 'Pre-school' } },
  { code: 'compulsory', label: { 'zh-CN': '义务教育在读', en: 'In compulsory education' } },
  { code: 'senior', label: { 'zh-CN': '高中/中职在读', en: 'In senior secondary / vocational' } },
  { code: 'tertiary', label: { 'zh-CN': '高等教育在读', en: 'In higher education' } },
  { code: 'dropped_out', label: { 'zh-CN': '辍学', en: 'Dropped out' } },
])

/** 参保情况: the enrolments a member may hold (several at once). */
export const InsuranceKindList = defineCodeList('insurance_kind', [
  { code: 'basic_medical', label: { 'zh-CN': '城乡居民基本医疗保险', en: 'Basic medical insurance' } },
  { code: 'serious_illness', label: { 'zh-CN': '大病保险', en: 'Serious-illness insurance' } },
  { code: 'pension', label: { 'zh-CN': '城乡居民基本养老保险', en: 'Basic pension insurance' } },
  { code: 'commercial_supplementary', label: { 'zh-CN': '商业补充保险', en: 'Supplementary commercial insurance' } },
])

/** 帮扶状态: where a household stands (transitions: `aid/status.ts`). */
export const AidHouseholdStatusList = defineCodeList('aid_household_status', [
  { code: 'identified', label: { 'zh-CN': '已识别', en: 'Identified' } },
  { code: 'assisted', label: { 'zh-CN': '帮扶中', en: 'Being assisted' } },
  { code: 'exit_proposed', label: { 'zh-CN': '拟退出', en: 'Exit proposed' } },
  { code: 'exited', label: { 'zh-CN': '已退出', en: 'Exited' } },
  { code: 'monitored', label: { 'zh-CN': '监测中', en: 'Under monitoring' } },
])

/** 地名层级. */
export const AidPlaceLevelList = defineCodeList('aid_place_level', [
  { code: 'county', label: { 'zh-CN': '县', en: 'County' } },
  { code: 'township', label: { 'zh-CN': '乡镇', en: 'Township' } },
  { code: 'village', label: { 'zh-CN': '村', en: 'Village' } },
  { code: 'group', label: { 'zh-CN': '组', en: 'Group' } },
])

/** 需求类别: what a household needs that a partner may pledge (帮扶需求). */
export const AidNeedKindList = defineCodeList('aid_need_kind', [
  { code: 'school_aid', label: { 'zh-CN': '助学', en: 'School aid' } },
  { code: 'medical', label: { 'zh-CN': '医疗', en: 'Medical' } },
  { code: 'housing', label: { 'zh-CN': '住房', en: 'Housing' } },
  { code: 'industry', label: { 'zh-CN': '产业', en: 'Industry' } },
  { code: 'jobs', label: { 'zh-CN': '就业', en: 'Jobs' } },
  { code: 'training', label: { 'zh-CN': '培训', en: 'Training' } },
  { code: 'daily_necessities', label: { 'zh-CN': '生活物资', en: 'Daily necessities' } },
])

/** 需求状态 (transitions: `aid/plans.ts`). */
export const AidNeedStatusList = defineCodeList('aid_need_status', [
  { code: 'open', label: { 'zh-CN': '待认领', en: 'Open' } },
  { code: 'pledged', label: { 'zh-CN': '已认领', en: 'Pledged' } },
  { code: 'delivered', label: { 'zh-CN': '已送达', en: 'Delivered' } },
  { code: 'withdrawn', label: { 'zh-CN': '已撤回', en: 'Withdrawn' } },
])

/** 措施状态 of a measure in a household's plan (一户一策). */
export const AidMeasureStatusList = defineCodeList('aid_measure_status', [
  { code: 'planned', label: { 'zh-CN': '计划中', en: 'Planned' } },
  { code: 'in_progress', label: { 'zh-CN': '实施中', en: 'In progress' } },
  { code: 'done', label: { 'zh-CN': '已完成', en: 'Done' } },
  { code: 'cancelled', label: { 'zh-CN': '已取消', en: 'Cancelled' } },
])

/** How the household confirmed a delivery on the worker's device. */
export const AidConfirmMethodList = defineCodeList('aid_confirm_method', [
  { code: 'signature', label: { 'zh-CN': '签字', en: 'Signature' } },
  { code: 'thumbprint', label: { 'zh-CN': '按手印', en: 'Thumbprint' } },
  { code: 'verbal', label: { 'zh-CN': '口头确认', en: 'Verbal' } },
])
