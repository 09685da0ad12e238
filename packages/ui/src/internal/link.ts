import { getCurrentInstance, type Component } from 'vue'

/**
 * vue-router's RouterLink when the app installed the router (it registers the component globally),
 * else undefined. This keeps vue-router an optional peer: ui never imports it.
 */
export function useRouterLink(): Component | undefined {
  const components = getCurrentInstance()?.appContext.components
  return components?.RouterLink as Component | undefined
}
