import { createRoute, type RouteConfig } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import type { Role } from '@chayi/domain'
import { forbidden, unauthenticated } from './errors.js'
import type { Env } from './context.js'

/**
 * Who may call a route. There is no default: every route must say, so a new route cannot be
 * left open by forgetting (deny by default).
 * - `public`: anyone, never personal data
 * - `signedIn`: any signed-in person (any role)
 * - `roles`: people holding at least one of these roles; `devices: true` also lets in paired kiosks
 *   unlocked by staff holding one of them
 * - `device`: only a paired kiosk (whoever is at the counter)
 */
export type Access =
  | { public: true }
  | { device: true }
  | { signedIn: true; devices?: boolean }
  | { roles: readonly Role[]; devices?: boolean }

export function guard(access: Access): MiddlewareHandler<Env> {
  return async (c, next) => {
    if ('public' in access) return next()
    const p = c.get('principal')
    if (!p) throw unauthenticated()
    if ('device' in access) {
      if (p.kind !== 'device') throw forbidden('Only a paired kiosk may do this.')
      return next()
    }
    if (p.kind === 'device' && !access.devices) throw forbidden('A paired device may not do this; sign in as a person.')
    if ('roles' in access && !p.roles.some((r) => access.roles.includes(r))) {
      throw forbidden(`This needs one of the roles: ${access.roles.join(', ')}.`)
    }
    return next()
  }
}

/** createRoute plus its access rule: enforced by middleware and published in the OpenAPI document. */
export function defineRoute<P extends string, R extends Omit<RouteConfig, 'path' | 'middleware'> & { path: P }>(def: R & { access: Access }) {
  const { access, ...config } = def
  const security =
    'public' in access ? [] : 'device' in access ? [{ device: [] }] : [{ session: [] }, ...('devices' in access && access.devices ? [{ device: [] }] : [])]
  const route = createRoute({ ...config, security, middleware: [guard(access)], 'x-chayi-access': access } as unknown as R)
  return route
}
