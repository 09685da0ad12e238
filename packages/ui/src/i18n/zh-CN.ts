/*
 * Every user-facing string of @chayi/ui, under `ui.*`, in Chinese (the default and fallback
 * language, always loaded). English is in en.ts, loaded when first shown (see sources.ts); the
 * shell merges both into its vue-i18n instance. Keep both trees in step: the English tree is typed
 * by this one, and messages.test.ts fails when a key exists in one locale only.
 */
export const zhCN = {
  ui: {
    loading: '加载中…',
    close: '关闭',
    elderly: { label: '适老模式', on: '已开启', off: '已关闭' },
    language: { label: '语言' },
    form: {
      required: '必填',
      summary: '提交未成功，请检查以下问题：',
      invalid: '有错误',
    },
    dialog: { close: '关闭对话框' },
    toast: {
      region: '通知',
      dismiss: '关闭通知',
      kind: { info: '提示', success: '成功', warning: '注意', error: '错误' },
    },
    table: {
      empty: '暂无数据',
      loadMore: '加载更多',
      next: '下一页',
      prev: '上一页',
      loading: '正在加载数据',
      sortBy: '按“{label}”排序',
      ascending: '升序',
      descending: '降序',
    },
    qr: { label: '二维码', content: '编码内容：' },
    nav: {
      main: '主导航',
      back: '返回',
      collapse: '收起导航',
      expand: '展开导航',
      skip: '跳到主要内容',
      badge: '{count} 项',
    },
    stat: { up: '上升', down: '下降', flat: '持平' },
    select: { placeholder: '请选择' },
    empty: { default: '这里还没有内容' },
  },
}

type Messages = typeof zhCN

/** Widen string literals so the English tree is checked for the same shape, not the same text. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }

export type UiMessages = Shape<Messages>
