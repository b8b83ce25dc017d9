import type { ProcessorDeps } from './processors.js'
import { dispatchEvent } from './processors.js'
import type { EventSink } from './relay.js'

/** The in-process sink of embedded mode: the same processors, called directly. */
export function createInlineSink (deps: ProcessorDeps, onDone?: (type: string, outcome: 'completed' | 'failed', seconds: number) => void): EventSink {
  return {
    inline: true,
    async publish (events) {
      for (const e of events) {
        const started = performance.now()
        try {
          await dispatchEvent(e, deps)
          onDone?.(e.type, 'completed', (performance.now() - started) / 1000)
        } catch (err) {
          onDone?.(e.type, 'failed', (performance.now() - started) / 1000)
          throw err
        }
      }
    },
  }
}
