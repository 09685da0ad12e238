import { reactive, readonly } from 'vue'
import type { ToastKind } from '../types'

export interface ToastOptions {
  kind?: ToastKind
  message: string
  /** Milliseconds before it goes away; 0 keeps it until dismissed. Errors stay by default. */
  timeout?: number
}

export interface Toast {
  id: number
  kind: ToastKind
  message: string
  timeout: number
}

const DEFAULT_TIMEOUT: Record<ToastKind, number> = { info: 5000, success: 5000, warning: 8000, error: 0 }
/** Older toasts are dropped past this many so a burst of errors cannot cover the screen. */
const MAX_TOASTS = 5

// Module level on purpose: the shell's API error handler and any screen push to the same queue,
// and the one CToastHost in the app frame shows it.
const queue = reactive<Toast[]>([])
const timers = new Map<number, ReturnType<typeof setTimeout>>()
let nextId = 1

function dismiss(id: number) {
  const i = queue.findIndex((t) => t.id === id)
  if (i >= 0) queue.splice(i, 1)
  const timer = timers.get(id)
  if (timer !== undefined) clearTimeout(timer)
  timers.delete(id)
}

function show(options: ToastOptions): number {
  const kind = options.kind ?? 'info'
  const toast: Toast = {
    id: nextId++,
    kind,
    message: options.message,
    timeout: options.timeout ?? DEFAULT_TIMEOUT[kind],
  }
  queue.push(toast)
  while (queue.length > MAX_TOASTS) dismiss(queue[0]!.id)
  if (toast.timeout > 0) timers.set(toast.id, setTimeout(() => dismiss(toast.id), toast.timeout))
  return toast.id
}

function clear() {
  for (const t of [...queue]) dismiss(t.id)
}

const api = {
  toasts: readonly(queue),
  show,
  dismiss,
  clear,
  info: (message: string, timeout?: number) => show({ kind: 'info', message, timeout }),
  success: (message: string, timeout?: number) => show({ kind: 'success', message, timeout }),
  warning: (message: string, timeout?: number) => show({ kind: 'warning', message, timeout }),
  error: (message: string, timeout?: number) => show({ kind: 'error', message, timeout }),
}

export type ToastApi = typeof api

/** The app-wide toast queue. Usable outside components (e.g. in the shell's fetch error handler). */
export function useToast(): ToastApi {
  return api
}
