import type { UiMessages } from './zh-CN'

// The English strings of @chayi/ui; a chunk of its own, loaded when English is first shown.
export const en: UiMessages = {
  ui: {
    loading: 'Loading…',
    close: 'Close',
    elderly: { label: 'Elderly mode', on: 'On', off: 'Off' },
    language: { label: 'Language' },
    form: {
      required: 'required',
      summary: 'Could not submit. Please check the following:',
      invalid: 'has an error',
    },
    dialog: { close: 'Close dialog' },
    toast: {
      region: 'Notifications',
      dismiss: 'Dismiss notification',
      kind: { info: 'Info', success: 'Success', warning: 'Warning', error: 'Error' },
    },
    table: {
      empty: 'No data yet',
      loadMore: 'Load more',
      next: 'Next page',
      prev: 'Previous page',
      loading: 'Loading data',
      sortBy: 'Sort by “{label}”',
      ascending: 'ascending',
      descending: 'descending',
    },
    qr: { label: 'QR code', content: 'Encoded text: ' },
    nav: {
      main: 'Main navigation',
      back: 'Back',
      collapse: 'Collapse navigation',
      expand: 'Expand navigation',
      skip: 'Skip to main content',
      badge: '{count} items',
    },
    stat: { up: 'Up', down: 'Down', flat: 'No change' },
    select: { placeholder: 'Please choose' },
    empty: { default: 'Nothing here yet' },
  },
}
