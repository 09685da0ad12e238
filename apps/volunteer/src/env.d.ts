/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The API's origin when it is not this page's (see @chayi/shell resolveApiBase). */
  readonly VITE_API_BASE?: string
  /** Dev only: proxy /api to this server instead of running on msw mocks. */
  readonly VITE_API_TARGET?: string
}
