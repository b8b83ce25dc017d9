import { contexts } from '../../src/ob/contexts/loader.js'
import { resolveDidKey } from '../../src/ob/v3/multikey.js'
import type { TestContext } from './app.js'
import { BASE } from './badges.js'

// Test-only JS libraries without type declarations: imported by name so tsc does not resolve them.
const vc: any = await import('@digitalbazaar/vc' as string)
const { DataIntegrityProof }: any = await import('@digitalbazaar/data-integrity' as string)
const { cryptosuite }: any = await import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite' as string)

/**
 * A jsonld document loader for the reference libraries: the bundled contexts, did:key locally, and our own public
 * URLs fetched through app.inject. A URL with a fragment resolves to that verification method of its document
 * (how a controller document's VM is dereferenced); nothing ever leaves the process.
 */
export function refLoader (t: TestContext, fetched?: string[]) {
  return async (url: string) => {
    const bundled = contexts.get(url)
    if (bundled) return { contextUrl: null, documentUrl: url, document: bundled }
    if (url.startsWith('did:key:')) return { contextUrl: null, documentUrl: url, document: resolveDidKey(url) }
    if (!url.startsWith(BASE)) throw new Error(`offline loader: ${url}`)
    fetched?.push(url)
    const [base, fragment] = url.split('#') as [string, string | undefined]
    const res = await t.app.inject({ method: 'GET', url: base.slice(BASE.length), headers: { accept: 'application/ld+json, application/json' } })
    if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode}`)
    const doc = res.json() as Record<string, any>
    if (fragment === undefined) return { contextUrl: null, documentUrl: url, document: doc }
    const vm = (doc.verificationMethod as Array<Record<string, unknown>> | undefined)?.find((m) => m.id === url)
    if (!vm) throw new Error(`no verification method ${url}`)
    return { contextUrl: null, documentUrl: url, document: { '@context': 'https://w3id.org/security/multikey/v1', ...vm } }
  }
}

/** @digitalbazaar/vc verifyCredential with eddsa-rdfc-2022 (status not checked here: see vc-bitstring-status-list). */
export const refVerify = (t: TestContext, credential: object): Promise<{ verified: boolean; error?: unknown }> =>
  vc.verifyCredential({ credential, suite: new DataIntegrityProof({ cryptosuite }), documentLoader: refLoader(t), checkStatus: async () => ({ verified: true }) })
