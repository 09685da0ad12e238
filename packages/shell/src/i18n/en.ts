import type { ShellMessages } from './zh-CN.js'

// The shell's English strings; a chunk of its own, loaded when English is first shown.
export const en: ShellMessages = {
  shell: {
    frame: {
      signOut: 'Sign out',
      lock: 'Lock',
      unpair: 'Unpair',
    },
    outbox: {
      pending: '{count} waiting to send',
      offline: 'Offline; will send when back online',
      failed: '{count} could not be sent',
      refusedSignOut: '{count} records are not sent yet and would be lost. Go online to send them, then sign out.',
    },
    who: {
      title: 'Signed in as',
      name: 'Name',
      team: 'Team',
      roles: 'Roles',
      device: 'Device',
      staff: 'Staff on duty',
      noStaff: 'Locked',
    },
    errors: {
      network_error: 'Could not reach the server. Check the network and try again.',
      invalid_credentials: 'Wrong username/phone or password.',
      too_many_attempts: 'Too many attempts. Please wait a while and try again.',
      invalid_pin: 'Wrong PIN.',
      not_found: 'Not found.',
      forbidden: 'Your role may not do this.',
      unauthenticated: 'Your session has ended. Please sign in again.',
      idempotency_key_reused: 'This record differs from one sent before and was not accepted.',
      internal_error: 'Something went wrong on the server; it has been logged. Try again later.',
      invalid_request: 'Some of what you entered is not valid.',
      unknown: 'Something went wrong: {message}',
    },
  },
}
