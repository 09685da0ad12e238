import type { ChayiAppDef, LocaleMessages } from '@chayi/shell'
import type { MockState } from '@chayi/testing/msw'
import type { HttpHandler } from 'msw'

/**
 * One area of the console (the register, the granary, people…), kept in its own folder so areas
 * can grow side by side: app.ts merges their routes and nav, messages.ts their strings, mocks.ts
 * their mock handlers. Screens load lazily; nothing here may import mocks.
 */
export interface CareModule {
  routes: ChayiAppDef['routes']
  nav: NonNullable<ChayiAppDef['nav']>
  messages: LocaleMessages
}

export type MockHandlerFactory = (getState: () => MockState, opts: { base?: string; storage?: Pick<Storage, 'getItem' | 'setItem'> }) => HttpHandler[]
