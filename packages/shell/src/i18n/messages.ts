import type { LocaleMessages } from '../types.js'
import { en } from './en.js'
import { mergeMessages } from './i18n.js'
import { pageMessages } from './pages.js'
import { zhCN } from './zh-CN.js'

/**
 * Every shell string in both languages at once, the sign-in screens' included, for tests; apps
 * load English only when it is shown (sources.ts) and the screens' strings with them (pages.ts).
 */
export const shellMessages: LocaleMessages = mergeMessages({ 'zh-CN': zhCN, en }, pageMessages)
