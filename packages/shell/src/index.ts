// @chayi/shell — createChayiApp(def) and what an app's screens use from it.
export { createChayiApp, type ChayiApp, type CreateAppOptions } from './app.js'
export type { AppLayout, AppMessages, AppName, AppOutbox, ChayiAppDef, LocaleMessages, MessageLoader, MessageSources, MessageTree, NavItem, OutboxHandoff } from './types.js'

export { api, ApiError, isApiError, networkError, readApiError, type ApiIssue, type OkBody } from './api/errors.js'
export { idempotencyKeys, newClientId } from './api/ids.js'
export { callerFor, trusted, useCall, type Call, type Schema } from './api/json-call.js'
export { errorMessage, handleError, handleErrorWith, toApiError, useApi, type FormErrors } from './api/handle.js'
export { apiUrl, createApiClient, createShellFetch, isAuthRequest, resolveApiBase, type ChayiClient, type ShellFetchOptions } from './api/client.js'
export { downscalePhoto, type PhotoSize } from './photo.js'
export { prevent, valueOf } from './forms.js'
export { bindShellContext, createShellContext, SHELL_CONTEXT, translate, useShellContext, type Notice, type ShellContext, type ShellContextOptions } from './context.js'

export { createShellI18n, currentLocale, DEFAULT_LOCALE, isLocale, loadLocale, LOCALE_STORAGE_KEY, mergeMessages, messageKeys, missingKeys, setLocale, storedLocale, useLocale, type ShellI18n } from './i18n/i18n.js'
export { shellMessages } from './i18n/messages.js'
export { shellMessageSources } from './i18n/sources.js'

export { decide, installGuards, ROUTES, safeRedirect, type GuardSession } from './router/guards.js'
export { createShellRouter, shellRoutes } from './router/router.js'

export { useSessionStore, UnsentWritesError, type SessionStatus } from './session/store.js'
export { idbDeviceTokenStore, memoryDeviceTokenStore, type DeviceTokenStore, type StaffCredential } from './session/credentials.js'

export { createOutbox, isPermanentFailure, type DrainResult, type NewWrite, type Outbox, type OutboxOptions, type OutboxState, type SendResult } from './outbox/core.js'
export { OUTBOX_DB_VERSION, openOutboxDb } from './outbox/db.js'
export { OUTBOX_RECORD_VERSION, upgradeRecord, upV1, type AnyOutboxRecord, type OutboxError, type OutboxMethod, type OutboxRecord, type OutboxRecordV1, type OutboxRecordV2 } from './outbox/records.js'
export { useOutboxStore } from './outbox/store.js'

export { default as AppShell } from './components/AppShell.vue'
export { default as OutboxBadge } from './components/OutboxBadge.vue'
export { default as WhoAmI } from './components/WhoAmI.vue'
// The sign-in screens stay in their own chunks (an unlocked kiosk never downloads them).
export { NoAccessPage, PairDevicePage, SignInPage, StaffPinPage } from './router/router.js'
