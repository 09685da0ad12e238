/** The four front-end apps the server hosts, each under its own base path. */
export const APP_NAMES = ['volunteer', 'kiosk', 'care', 'tracker'] as const
export type AppName = (typeof APP_NAMES)[number]

export type Lang = 'zh-CN' | 'en'
type Text = Record<Lang, string>

export interface AppInfo {
  name: AppName
  base: `/${AppName}/`
  title: Text
  blurb: Text
}

export const APPS: readonly AppInfo[] = [
  {
    name: 'volunteer',
    base: '/volunteer/',
    title: { 'zh-CN': '志愿者门户', en: 'Volunteer portal' },
    blurb: { 'zh-CN': '报名活动、现场签到签退，查看服务时长、星级和证明。', en: 'Join activities, check in and out on site, see your hours, star level and certificate.' },
  },
  {
    name: 'kiosk',
    base: '/kiosk/',
    title: { 'zh-CN': '茶馆平板', en: 'Tea-house kiosk' },
    blurb: { 'zh-CN': '柜台卖茶、义仓茶认购与送出，接收捐赠物品并开收据。', en: 'Sell tea and 5-yuan charity cups, serve them, take in donated goods with a receipt.' },
  },
  {
    name: 'care',
    base: '/care/',
    title: { 'zh-CN': '关爱中心台', en: 'Care-centre console' },
    blurb: { 'zh-CN': '受助对象登记、茶义仓库存、公益基金、爱心企业与审批报表。', en: 'Beneficiary register, granary stock, welfare fund, caring partners, approvals and reports.' },
  },
  {
    name: 'tracker',
    base: '/tracker/',
    title: { 'zh-CN': '藏区帮扶', en: 'Aid tracker' },
    blurb: { 'zh-CN': '困难户与结对帮扶、帮扶措施、入户走访与收入跟踪，可离线使用。', en: 'Poor households and their pairings, assistance measures, field visits and income, offline too.' },
  },
]

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)
