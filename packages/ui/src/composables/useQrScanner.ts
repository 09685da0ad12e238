import { nextTick, onBeforeUnmount, ref } from 'vue'

/** Why the camera could not be used: no camera (or not a secure page), or permission refused. */
export type QrScannerProblem = 'no_camera' | 'denied'

interface Scanner {
  start(): Promise<void>
  destroy(): void
}

/**
 * The phone or tablet camera reading QR codes into `onResult` (qr-scanner, loaded only when the
 * camera is first asked for). Bind `video` to a <video> shown while `scanning`. `onResult` returns
 * false to keep scanning (a code that is not ours); anything else stops the camera.
 */
export function useQrScanner(onResult: (data: string) => boolean | void) {
  const video = ref<HTMLVideoElement | null>(null)
  const scanning = ref(false)
  const starting = ref(false)
  const problem = ref<QrScannerProblem | null>(null)
  let scanner: Scanner | null = null

  function stop() {
    scanner?.destroy()
    scanner = null
    scanning.value = false
  }

  async function start() {
    problem.value = null
    if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
      problem.value = 'no_camera'
      return
    }
    starting.value = true
    scanning.value = true
    try {
      const { default: QrScanner } = await import('qr-scanner')
      await nextTick()
      if (!video.value || !scanning.value) return
      scanner = new QrScanner(
        video.value,
        (result) => {
          if (onResult(result.data) === false) return
          stop()
        },
        { returnDetailedScanResult: true, preferredCamera: 'environment', highlightScanRegion: true, maxScansPerSecond: 5 },
      ) as Scanner
      await scanner.start()
    } catch (err) {
      stop()
      const name = (err as { name?: string } | null)?.name ?? String(err)
      problem.value = /NotAllowed|Permission|denied/i.test(name) ? 'denied' : 'no_camera'
    } finally {
      starting.value = false
    }
  }

  onBeforeUnmount(stop)
  return { video, scanning, starting, problem, start, stop }
}
