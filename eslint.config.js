// Lint = typescript-eslint's recommended rules plus the module boundaries of ARCHITECTURE.md §3:
// routes -> domain -> db; ob/, spine/, pathways/ are pure; only config.ts reads process.env.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const pureForbidden = [
  { group: ['fastify', 'fastify/*', '@fastify/*'], message: 'pure modules import no framework' },
  { group: ['kysely', 'pg', '@electric-sql/*'], message: 'pure modules import no database' },
  { group: ['bullmq', 'ioredis'], message: 'pure modules import no queue' },
  { group: ['**/db/**', '**/domain/**', '**/routes/**', '**/jobs/**', '**/plugins/**', '**/config.js'], message: 'pure modules import no app layer' },
]

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'coverage/**', 'bench/.tmp/**', 'sdk/src/schema.d.ts', 'reliability/.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', fetch: 'readonly', structuredClone: 'readonly', setImmediate: 'readonly', queueMicrotask: 'readonly', performance: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/config.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'only src/config.ts reads process.env' }],
    },
  },
  {
    files: ['src/ob/**/*.ts', 'src/spine/**/*.ts', 'src/pathways/**/*.ts', 'src/insights/**/*.ts', 'src/synthetic/**/*.ts'],
    // The synthetic city's loaders write it through the services and the database: tools, not pure modules.
    ignores: ['src/**/*.test.ts', 'src/synthetic/load-*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: pureForbidden }] },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['fastify', 'fastify/*', '@fastify/*'], message: 'the domain knows no HTTP' },
        { group: ['bullmq'], message: 'the domain enqueues through the outbox only' },
        { group: ['**/routes/**', '**/plugins/**'], message: 'routes depend on the domain, not the other way round' },
      ] }],
    },
  },
  {
    files: ['src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['fastify', 'fastify/*', '@fastify/*', '**/routes/**', '**/plugins/**', '**/domain/**'], message: 'db is the bottom layer' },
      ] }],
    },
  },
  {
    files: ['migrations/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/**'], message: 'migrations are frozen in time: never import src/' }] }] },
  },
)
