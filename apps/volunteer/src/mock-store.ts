// The mock API's activity world, one per MockState, shared by the volunteer-side (../mocks.ts) and
// leader-side (./lead/mocks.ts) handlers so both see the same activities, sign-ups and hours.
import type { Activity, Attendance, Certificate, Enrollment, HourEntry, Notification, Pledge } from '@chayi/domain'
import type { MockState } from '@chayi/testing/msw'

export interface ActivityWorld {
  activities: Activity[]
  enrollments: Enrollment[]
  attendance: Attendance[]
  hours: HourEntry[]
  certificates: Certificate[]
  pledges: Pledge[]
  notifications: (Notification & { userId: string })[]
  starThresholds: number[]
}

const worlds = new WeakMap<MockState, ActivityWorld>()

export function worldOf(state: MockState): ActivityWorld {
  let w = worlds.get(state)
  if (!w) {
    w = { activities: [], enrollments: [], attendance: [], hours: [], certificates: [], pledges: [], notifications: [], starThresholds: [100, 300, 600, 1000, 1500] }
    worlds.set(state, w)
  }
  return w
}
