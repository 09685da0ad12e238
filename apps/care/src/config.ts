import type { Role } from '@chayi/domain'

/** Who manages the team's accounts and devices (as the API allows: GET /users, GET /devices, pairing codes). */
export const MANAGERS: Role[] = ['admin', 'leader']
/** Who creates accounts and revokes devices (POST /users, POST /devices/{id}/revoke). */
export const ADMINS: Role[] = ['admin']
/** Roles that unlock the tea-house kiosk with a PIN (as packages/api/src/identity/kiosk.ts). */
export const COUNTER_ROLES: Role[] = ['counter_staff', 'leader', 'admin']
/** Rows per request in the console's lists ("load more" fetches the next page by cursor). */
export const PAGE_SIZE = 20
