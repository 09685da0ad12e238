import type { MessageSources } from '../types.js'
import { zhCN } from './zh-CN.js'

/** The shell's strings as an app loads them: Chinese at once, English when first needed. */
export const shellMessageSources: MessageSources = {
  'zh-CN': zhCN,
  en: () => import('./en.js').then((m) => m.en),
}
