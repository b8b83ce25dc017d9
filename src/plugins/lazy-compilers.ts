import ValidatorSelector from '@fastify/ajv-compiler'
import SerializerSelector from '@fastify/fast-json-stringify-compiler'
import type { FastifyServerOptions } from 'fastify'

/**
 * Fastify's own schema compilers (Ajv for requests, fast-json-stringify for responses), each route's schema compiled
 * at its first use instead of at start-up. Compiling ~180 routes' schemas was most of the time `app.ready()` took
 * (about 5 s of CPU per app, measured with --cpu-prof): every process start and every test file paid it, for routes a
 * given process may never serve. The compiled functions are the very ones Fastify would build; only the moment
 * changes. `compileAll` forces them: the server does so in small steps once it listens, and a test
 * compiles every route's so a broken schema still fails CI.
 */
type Fn = ((...args: unknown[]) => unknown) & { errors?: unknown }
type Compile = (routeSchema: unknown) => Fn
type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>

function lazy (pending: Set<() => unknown>, compile: Compile, routeSchema: unknown, keepErrors: boolean): Fn {
  let fn: Fn | undefined
  const force = (): Fn => {
    if (!fn) {
      fn = compile(routeSchema)
      pending.delete(force)
    }
    return fn
  }
  pending.add(force)
  const call: Fn = function (this: unknown, ...args: unknown[]) {
    const f = force()
    const r = f.apply(this, args)
    // Fastify reads a failed validation's details from the function it was given.
    if (keepErrors) call.errors = f.errors
    return r
  }
  return call
}

/** One app's compilers (`schemaController.compilersFactory`) and `compileAll`, which compiles the schemas not compiled
 * yet (at most `limit` of them) and throws on the first broken one. */
export function lazyCompilers (): { compilersFactory: CompilersFactory; compileAll: (limit?: number) => number } {
  const pending = new Set<() => unknown>()
  const buildValidator = ValidatorSelector() as unknown as (e: unknown, o: unknown) => Compile
  const buildSerializer = SerializerSelector() as unknown as (e: unknown, o: unknown) => Compile
  return {
    compilersFactory: {
      buildValidator: (externalSchemas: unknown, options: unknown) => {
        const compile = buildValidator(externalSchemas, options)
        return (routeSchema: unknown) => lazy(pending, compile, routeSchema, true)
      },
      buildSerializer: (externalSchemas: unknown, options: unknown) => {
        const compile = buildSerializer(externalSchemas, options)
        return (routeSchema: unknown) => lazy(pending, compile, routeSchema, false)
      },
    } as unknown as CompilersFactory,
    compileAll (limit = Infinity): number {
      let n = 0
      for (const force of [...pending]) {
        if (n >= limit) break
        force()
        n++
      }
      return n
    },
  }
}
