import type { Logger } from 'pino'

/**
 * A background loop over PostgreSQL-held work (webhook deliveries, bulk jobs): runs `pass` every `pollMs` and when
 * kicked, never two passes at once, and again at once while a pass reports more work. `stopped` lets a long pass end
 * early; `stop()` waits for the pass under way.
 */
export function createPoller (opts: { pollMs: number; log: Logger; what: string; pass: () => Promise<boolean> }) {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let again = false
  let stopped = true

  function loop (): void {
    if (running) { again = true; return }
    running = (async () => {
      do {
        again = false
        try {
          if (await opts.pass()) again = true
        } catch (err) {
          opts.log.warn({ err }, `${opts.what} failed`)
        }
      } while (again && !stopped)
    })().finally(() => { running = undefined })
  }

  return {
    get stopped (): boolean { return stopped },
    start (): void {
      if (!stopped) return
      stopped = false
      timer = setInterval(loop, opts.pollMs)
      timer.unref()
      loop()
    },
    kick (): void { if (!stopped) loop() },
    async stop (): Promise<void> {
      stopped = true
      if (timer) clearInterval(timer)
      await running
    },
  }
}
