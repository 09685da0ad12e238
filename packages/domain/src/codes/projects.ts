import { defineCodeList } from './define.js'

/** The standing service projects (服务项目) of the seed team. */
export const ServiceProjectList = defineCodeList('service_project', [
  { code: 'granary', label: { 'zh-CN': '茶义仓', en: 'Charity Tea Granary' } },
  { code: 'neighbour_academy', label: { 'zh-CN': '社区友邻学院', en: 'Neighbourhood Academy' } },
  { code: 'elder_storytelling', label: { 'zh-CN': '孝亲敬老评书', en: 'Storytelling for Elders' } },
  { code: 'hand_in_hand', label: { 'zh-CN': '手牵手心相连', en: 'Hand in Hand, Heart to Heart' } },
  { code: 'empty_nest', label: { 'zh-CN': '空巢不空心', en: 'Empty Nest, Full Heart' } },
  { code: 'tibetan_area_aid', label: { 'zh-CN': '情系藏区', en: 'Caring for the Tibetan Areas' } },
])
