import { parentPort } from 'node:worker_threads'
import { canonizeGeneral, CanonError } from '../../ob/v3/canon.js'

/**
 * Worker thread of the JSON-LD pool (jsonld-pool.ts): canonicalises one untrusted JSON-LD document at a time
 * (expansion, toRdf, RDFC-1.0 over the bundled contexts only). The pool bounds it with a heap limit and a deadline
 * after which it terminates this thread; nothing here needs to be cooperative.
 */

export interface CanonRequest { id: number; doc: string }
export type CanonReply =
  | { id: number; ok: true; nquads: string }
  | { id: number; ok: false; code: string; message: string }
  /** Sent once, when the modules are loaded: jobs go only to ready workers. */
  | { ready: true }

const port = parentPort
if (port === null) throw new Error('jsonld-worker must run in a worker thread')

port.postMessage({ ready: true } satisfies CanonReply)
port.on('message', (msg: CanonRequest) => {
  void (async () => {
    let reply: CanonReply
    try {
      reply = { id: msg.id, ok: true, nquads: await canonizeGeneral(JSON.parse(msg.doc) as object) }
    } catch (err) {
      reply = err instanceof CanonError
        ? { id: msg.id, ok: false, code: err.code, message: err.message }
        : { id: msg.id, ok: false, code: 'canonicalization_failed', message: String((err as Error)?.message ?? err).slice(0, 300) }
    }
    port.postMessage(reply)
  })()
})
