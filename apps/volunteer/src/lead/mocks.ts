import type { MockState } from '@chayi/testing/msw'

/** Mock API for the leader screens; shares the activity store of ../mock-store.ts with the volunteer side. */
export function leadHandlers(_getState: () => MockState, _opts: { base?: string } = {}) {
  return [] as ReturnType<typeof import('@chayi/testing/msw').http.get>[]
}
