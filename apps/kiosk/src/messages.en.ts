import type { Tree } from './messages'

// The kiosk's English strings, loaded when English is first shown; typed by the Chinese tree.
export const en: Tree = {
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
