import type { PluginOption, UserConfig } from 'vite'
import type { AppName } from './src/types.js'

export interface ChayiViteOptions {
  name: AppName
  /** Dev server port (each app its own, so all four can run at once). */
  port: number
  plugins?: PluginOption[]
}

export interface PwaOptions {
  name: AppName
  title: string
  shortName: string
  description: string
  orientation?: 'any' | 'landscape' | 'portrait'
  themeColor?: string
}

export declare function chayiVite(opts: ChayiViteOptions): UserConfig

/** Options for vite-plugin-pwa's `VitePWA()` (typed loosely so the shell need not depend on it). */
export declare function pwaOptions(o: PwaOptions): Record<string, unknown> & { manifest: Record<string, unknown> }
