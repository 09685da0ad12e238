import type { Tree } from './messages'

// The tracker's English strings, loaded when English is first shown; typed by the Chinese tree.
export const en: Tree = {
  tracker: {
    nav: { home: 'Home', households: 'Households', me: 'Me' },
    home: {
      hello: 'Hello, {name}',
      sync: 'Network and sync',
      network: 'Network',
      online: 'Online',
      offline: 'Offline',
      onlineHint: 'Records go straight to the server.',
      offlineHint: 'No network: records are kept on this device and sent in order once it is back.',
      unsent: 'Unsent',
      unsentCount: '{count}',
      allSent: 'All sent',
      stale: 'The server cannot be reached: showing what was remembered from the last sign-in.',
    },
    outbox: {
      conflictTitle: 'Household change (clashes with someone else’s)',
      conflictHint: 'Someone else changed this household too. Compare both versions on the conflict screen and choose what to keep; until then your change is kept.',
    },
    me: {
      title: 'Me',
      settings: 'Settings',
      language: 'Language',
      elderly: 'Larger text and buttons, easier to read and tap.',
      signOut: 'Sign out',
      signOutHint: 'Signing out is refused while records are unsent: they would be lost.',
    },
  },
}
