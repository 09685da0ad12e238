import type { AppMessages } from '@chayi/shell'

/* The kiosk's own strings, under `kiosk.*`; messages.test.ts checks both trees have the same keys. */
export const zhCN = {
  kiosk: {
    home: {
      hello: '{name}，您好',
      team: '服务队',
      device: '平板',
      onDuty: '当班',
      stale: '暂时连不上服务器：显示的是这台平板上次的登录信息。',
      tiles: '柜台功能',
      lock: '锁屏',
      lockHint: '换店员：回到选人和输入 PIN 码',
      board: '公开看板',
      boardHint: '给顾客看的大屏',
      unsent: '待发送',
      unsentCount: '{count} 条',
      allSent: '全部已发送',
      unsentHint: '断网时记录先存在平板上，联网后按顺序发送',
    },
    board: {
      title: '公开看板',
      soon: '义仓茶、茶义仓和公益基金的实时数字，将随茶馆功能一起上线。',
      honest: '在此之前，这里不显示任何估算或示例数字。',
      back: '返回柜台',
      unlock: '店员解锁',
    },
  },
}

export type Tree = typeof zhCN

// English comes in its own chunk, the first time it is shown (messages.en.ts).
export const messages: AppMessages = { 'zh-CN': zhCN, en: () => import('./messages.en').then((m) => m.en) }
