import type { Role } from '@chayi/domain'

/** Who keeps the register and sees its details (as packages/api/src/care/routes.ts REGISTER). */
export const REGISTER_ROLES: Role[] = ['care_staff', 'admin']
/** Who may list it; a leader sees masked names and no sensitive fields (LISTERS). */
export const LISTER_ROLES: Role[] = ['care_staff', 'admin', 'leader']
