import type { PluginOption, UserConfig } from 'vite'
import type { AppName } from './src/types.js'

export interface ChayiViteOptions {
  name: AppName
  /** Dev server port (each app its own, so all four can run at once). */
  port: number
  plugins?: PluginOption[]
}

export interface PwaManifestOptions {
  name: AppName
  title: string
  shortName: string
  description: string
  orientation?: 'any' | 'landscape' | 'portrait'
}

export declare function chayiVite(opts: ChayiViteOptions): UserConfig

export declare function pwaManifest(o: PwaManifestOptions): {
  name: string
  short_name: string
  description: string
  lang: string
  start_url: string
  scope: string
  display: 'standalone'
  orientation: 'any' | 'landscape' | 'portrait'
  background_color: string
  theme_color: string
}
