import type { AppMessages } from '@chayi/shell'

/* The tracker's own strings, under `tracker.*`; messages.test.ts checks both trees have the same keys. */
export const zhCN = {
  tracker: {
    nav: { home: '首页', households: '帮扶户', me: '我的' },
    home: {
      hello: '{name}，您好',
      sync: '网络与同步',
      network: '网络',
      online: '在线',
      offline: '离线',
      onlineHint: '记录会直接发送到服务器。',
      offlineHint: '没有网络：记录先保存在本机，联网后自动按顺序发送。',
      unsent: '待发送',
      unsentCount: '{count} 条',
      allSent: '全部已发送',
      stale: '暂时连不上服务器：显示的是上次登录时的信息。',
    },
    outbox: {
      conflictTitle: '帮扶户资料修改（与他人修改冲突）',
      conflictHint: '别人也改了这户的资料。请到冲突页面对照两个版本，选择保留哪些值；在此之前这条修改不会丢失。',
    },
    me: {
      title: '我的',
      settings: '设置',
      language: '语言',
      elderly: '大字和大按钮，更容易看清和点按。',
      signOut: '退出登录',
      signOutHint: '还有记录没有发送时不能退出，否则这些记录会丢失。',
    },
  },
}

export type Tree = typeof zhCN

// English comes in its own chunk, the first time it is shown (messages.en.ts).
export const messages: AppMessages = { 'zh-CN': zhCN, en: () => import('./messages.en').then((m) => m.en) }
