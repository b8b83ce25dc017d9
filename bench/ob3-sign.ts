// OB 3.0 eddsa-rdfc-2022 signing throughput: @digitalbazaar/vc issue() vs our signDataIntegrity (fast path), same
// credential, same key, same process. Run: npx tsx bench/ob3-sign.ts   (appends a section to bench/RESULTS.md)
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
// @ts-expect-error -- reference implementation ships no type declarations (dev dependency)
import * as vc from '@digitalbazaar/vc'
// @ts-expect-error -- idem
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
// @ts-expect-error -- idem
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
// @ts-expect-error -- idem
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { createDocumentLoader } from '../src/ob/contexts/loader.js'
import { signDataIntegrity } from '../src/ob/v3/data-integrity.js'
import { fastCredentialDataset } from '../src/ob/v3/canon-fast.js'
import { ed25519PrivateKeyFromSeed, multibaseEncode, publicKeyToMultibase, rawEd25519PublicKey } from '../src/ob/v3/multikey.js'

const ITER_VC = 150
const ITER_FAST = 3000
const ITER_GENERAL = 150
const VERIFY_SAMPLE = 20

const seed = Buffer.from('6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4', 'hex') // OB 3.0 spec vector key
const privateKey = ed25519PrivateKeyFromSeed(seed)
const mb = publicKeyToMultibase(privateKey)
const controller = 'https://badges.city.example/issuers/1'
const vmId = `${controller}#${mb}`
const vm = { '@context': 'https://w3id.org/security/multikey/v1', id: vmId, type: 'Multikey', controller, publicKeyMultibase: mb }
const controllerDoc = { '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'], id: controller, verificationMethod: [vm], assertionMethod: [vmId] }
const documentLoader = createDocumentLoader((url) => (url === vmId ? structuredClone(vm) : url === controller ? structuredClone(controllerDoc) : undefined))

// The credential shape our issuer builds (every common optional part present).
const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'],
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  id: 'https://badges.city.example/credentials/7f1c2a9e-3b0d-4c55-9a51-0c1e2f3a4b5c',
  name: 'Bike Repair — Level 1',
  description: 'Awarded for repairing bikes at the City Makers workshop.',
  issuer: { id: controller, type: ['Profile'], name: 'City Makers', url: 'https://makers.city.example', email: 'hello@makers.city.example' },
  validFrom: '2024-05-01T10:00:00Z',
  validUntil: '2027-05-01T10:00:00Z',
  credentialSubject: {
    type: ['AchievementSubject'],
    identifier: [{ type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399', salt: 'Kosher' }],
    achievement: {
      id: 'https://badges.city.example/achievements/bike-repair-1', type: ['Achievement'], name: 'Bike Repair 1',
      description: 'Can diagnose and fix a flat tyre.', criteria: { narrative: 'Fix three flats under supervision.' },
      image: { id: 'https://badges.city.example/img/bike-repair-1.png', type: 'Image' },
      alignment: [{ type: ['Alignment'], targetName: 'Bicycle mechanics', targetUrl: 'https://skills.city.example/bike-mechanics', targetFramework: 'City Skills', targetCode: 'BM-1' }],
      tag: ['bikes', 'repair', 'makers'], inLanguage: 'en', achievementType: 'Badge',
    },
  },
  evidence: [{ type: ['Evidence'], id: 'https://badges.city.example/evidence/42', narrative: 'Observed by a mentor.', name: 'Workshop log' }],
  credentialSchema: [{ id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json', type: '1EdTechJsonSchemaValidator2019' }],
  credentialStatus: { id: 'https://badges.city.example/status/1#4711', type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '4711', statusListCredential: 'https://badges.city.example/status/1' },
}
if (fastCredentialDataset(credential) === undefined) throw new Error('bench credential does not take the fast path')

const created = new Date('2024-05-01T10:00:01Z')
// Multikey secret for the reference signer: multicodec ed25519-priv (0x8026) + seed + public key, base58-btc.
const secretKeyMultibase = multibaseEncode(Buffer.concat([Buffer.from([0x80, 0x26]), seed, rawEd25519PublicKey(privateKey)]))
const keyPair = await Ed25519Multikey.from({ ...vm, secretKeyMultibase })
const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022, date: '2024-05-01T10:00:01Z' })

const vcIssue = () => vc.issue({ credential: structuredClone(credential), suite, documentLoader })
const oursFast = () => signDataIntegrity(credential, { privateKey, verificationMethod: vmId, created })
const oursGeneral = () => signDataIntegrity(credential, { privateKey, verificationMethod: vmId, created, documentLoader, fast: false })

async function rate(fn: () => Promise<unknown>, n: number): Promise<number> {
  const t0 = performance.now()
  for (let i = 0; i < n; i++) await fn()
  return n / ((performance.now() - t0) / 1000)
}

// Same signature from both implementations (deterministic Ed25519, same created): a correctness guard for the bench.
const ref = await vcIssue()
const mine = (await oursFast()) as { proof: Array<{ proofValue: string }> }
if (ref.proof.proofValue !== mine.proof[0]?.proofValue) throw new Error('our proofValue differs from vc.issue()')

for (let i = 0; i < 30; i++) await vcIssue() // warm-up (JIT, jsonld context cache)
for (let i = 0; i < 300; i++) await oursFast()
for (let i = 0; i < 30; i++) await oursGeneral()

const vcRate = await rate(vcIssue, ITER_VC)
const fastRate = await rate(oursFast, ITER_FAST)
const generalRate = await rate(oursGeneral, ITER_GENERAL)

let verified = 0
for (let i = 0; i < VERIFY_SAMPLE; i++) {
  const signed = await signDataIntegrity(credential, { privateKey, verificationMethod: vmId, created: new Date(created.getTime() + i * 1000) })
  const r = await vc.verifyCredential({ credential: JSON.parse(JSON.stringify(signed)), suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), documentLoader, checkStatus: async () => ({ verified: true }) })
  if (r.verified) verified++
}

const version = (name: string) => (JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as { version: string }).version
const pkgs = ['jsonld', 'rdf-canonize', '@digitalbazaar/vc', '@digitalbazaar/data-integrity', '@digitalbazaar/eddsa-rdfc-2022-cryptosuite', '@digitalbazaar/ed25519-multikey']
const fmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 })
const section = [
  `## OB 3.0 eddsa-rdfc-2022 signing — ${new Date().toISOString()}`,
  '',
  `- machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, ${os.platform()} ${os.release()}, node ${process.version}`,
  `- packages: ${pkgs.map((p) => `${p}@${version(p)}`).join(', ')}`,
  `- credential: full OpenBadgeCredential (${JSON.stringify(credential).length} bytes JSON), same key and \`created\` for both; proofValues identical`,
  '',
  '| implementation | iterations | credentials/s | µs/credential |',
  '|---|---:|---:|---:|',
  `| @digitalbazaar/vc issue() (DataIntegrityProof + eddsa-rdfc-2022 + ed25519-multikey) | ${ITER_VC} | ${fmt(vcRate)} | ${fmt(1e6 / vcRate)} |`,
  `| signDataIntegrity, fast path | ${ITER_FAST} | ${fmt(fastRate)} | ${fmt(1e6 / fastRate)} |`,
  `| signDataIntegrity, general jsonld path (fast: false) | ${ITER_GENERAL} | ${fmt(generalRate)} | ${fmt(1e6 / generalRate)} |`,
  '',
  `- **ratio fast / vc.issue: ${(fastRate / vcRate).toFixed(1)}×** (requirement ≥ 5×)`,
  `- our proofs verified by @digitalbazaar/vc verifyCredential: ${verified}/${VERIFY_SAMPLE}`,
  `- RSS at end: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
  '',
].join('\n')

console.log(section)
const results = new URL('./RESULTS.md', import.meta.url)
if (!existsSync(results)) writeFileSync(results, '# Benchmark results\n\n')
appendFileSync(results, `${section}\n`)
if (verified !== VERIFY_SAMPLE || fastRate / vcRate < 5) process.exitCode = 1
