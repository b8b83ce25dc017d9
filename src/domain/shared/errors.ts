/**
 * Domain errors carry a stable `code`; only src/plugins/problem.ts maps codes to HTTP statuses.
 * `fields` lists failing input fields (for 400/422 answers).
 */
export class DomainError extends Error {
  readonly code: string = 'DOMAIN_ERROR'
  constructor (message: string, readonly fields?: Array<{ field: string; message: string }>) {
    super(message)
  }
}

export class NotFound extends DomainError {
  override readonly code = 'NOT_FOUND'
  constructor (readonly entity: string, id: string) {
    super(`${entity} ${id} not found`)
  }
}

/** Bad input that passed the schema but breaks a rule (an invalid email, a future date, ...). */
export class InvalidInput extends DomainError { override readonly code = 'INVALID_INPUT' }
/** The request conflicts with the current state (a duplicate slug, an in-flight idempotent request). */
export class Conflict extends DomainError { override readonly code = 'CONFLICT' }
/** The action is not allowed in the resource's state (awarding a draft badge class, ...). */
export class InvalidState extends DomainError { override readonly code = 'INVALID_STATE' }
export class Unauthenticated extends DomainError { override readonly code = 'UNAUTHENTICATED' }
export class Forbidden extends DomainError { override readonly code = 'FORBIDDEN' }
/** A dependency (database, queue) is unavailable: the client may retry. */
export class Unavailable extends DomainError { override readonly code = 'UNAVAILABLE' }
/** Malformed request data that a schema cannot catch (a broken cursor, an undecodable file). */
export class BadRequest extends DomainError { override readonly code = 'BAD_REQUEST' }
/** The resource existed and is gone for good (a credential erased with its learner). */
export class Gone extends DomainError { override readonly code = 'GONE' }
