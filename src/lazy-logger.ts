import type { Bindings, ChildLoggerOptions, Logger } from 'pino'

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'

/**
 * A request's logger that becomes a real pino child only when something is logged at an enabled level. pino
 * serialises (and redacts) a child's bindings when the child is made; most requests log nothing, so making one per
 * request cost a measurable share of the hottest GETs. Methods live on the prototype: an instance is three fields.
 */
class LazyLogger {
  private real: Logger | undefined
  constructor (private readonly parent: Logger, private readonly bindingsOf: Bindings, private readonly options?: ChildLoggerOptions) {}

  private get logger (): Logger {
    this.real ??= this.parent.child(this.bindingsOf, this.options)
    return this.real
  }

  private write (level: Level, args: unknown[]): void {
    if (this.parent.isLevelEnabled(level)) (this.logger[level] as (...a: unknown[]) => void)(...args)
  }

  fatal (...args: unknown[]): void { this.write('fatal', args) }
  error (...args: unknown[]): void { this.write('error', args) }
  warn (...args: unknown[]): void { this.write('warn', args) }
  info (...args: unknown[]): void { this.write('info', args) }
  debug (...args: unknown[]): void { this.write('debug', args) }
  trace (...args: unknown[]): void { this.write('trace', args) }
  silent (): void {}
  child (b: Bindings, o?: ChildLoggerOptions): Logger { return this.logger.child(b, o) }
  isLevelEnabled (level: string): boolean { return this.parent.isLevelEnabled(level) }
  bindings (): Bindings { return this.logger.bindings() }
  get level (): string { return (this.real ?? this.parent).level }
  set level (v: string) { this.logger.level = v }
}

export function lazyChild (parent: Logger, bindings: Bindings, options?: ChildLoggerOptions): Logger {
  return new LazyLogger(parent, bindings, options) as unknown as Logger
}
