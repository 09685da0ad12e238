import type { LocaleMessages } from '@chayi/shell'

/* The kiosk's own strings, under `kiosk.*`; messages.test.ts checks both trees have the same keys. */
const zhCN = {
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

type Tree = typeof zhCN

const en: Tree = {
  kiosk: {
    home: {
      hello: 'Hello, {name}',
      team: 'Team',
      device: 'Tablet',
      onDuty: 'On duty',
      stale: 'The server cannot be reached: showing what this tablet remembered from its last sign-in.',
      tiles: 'Counter',
      lock: 'Lock',
      lockHint: 'Switch staff: back to choosing a name and PIN',
      board: 'Public board',
      boardHint: 'The big screen for customers',
      unsent: 'Unsent',
      unsentCount: '{count}',
      allSent: 'All sent',
      unsentHint: 'Offline, records wait on this tablet and go out in order once online',
    },
    board: {
      title: 'Public board',
      soon: 'Live totals for charity cups, the granary and the welfare fund arrive with the tea-house features.',
      honest: 'Until then this board shows no estimated or sample figures.',
      back: 'Back to the counter',
      unlock: 'Staff unlock',
    },
  },
}

export const messages: LocaleMessages = { 'zh-CN': zhCN, en }
