/**
 * Our problem vocabulary (RFC 9457): every `code` a problem may carry, its HTTP status and a short explanation.
 * Each `type` URI is `${PUBLIC_URL}/problems/<code in kebab case>` and dereferences to a page built from this table
 * (src/plugins/problem.ts). A test fails when the source emits a code that is not listed here.
 */
export interface ProblemType { status: number; title: string; explanation: string }

export const PROBLEM_TYPES: Readonly<Record<string, ProblemType>> = Object.freeze({
  BAD_REQUEST: { status: 400, title: 'Bad request', explanation: 'The request is malformed in a way a schema cannot describe (a broken cursor, an undecodable file). Fix the request; retrying it unchanged fails again.' },
  INVALID_REQUEST: { status: 400, title: 'Invalid request', explanation: 'A parameter, query field or body field does not match the documented schema. `errors` lists every failing field as a JSON pointer with a message.' },
  MALFORMED_BODY: { status: 400, title: 'Malformed body', explanation: 'The body cannot be parsed as its content type says: broken JSON, an empty JSON body, a wrong Content-Length, or JSON with `__proto__` / `constructor` keys.' },
  MALFORMED_MULTIPART: { status: 400, title: 'Malformed multipart body', explanation: 'A multipart/form-data body without a boundary, with a boundary that never appears, or with broken part headers.' },
  BODY_REQUIRED: { status: 400, title: 'Body required', explanation: 'This operation needs a request body (see its documented content types) and none was sent.' },
  BAD_URL: { status: 400, title: 'Bad URL', explanation: 'The URL has broken percent-encoding or carries a NUL character in a path segment or query value.' },
  BAD_IDEMPOTENCY_KEY: { status: 400, title: 'Bad Idempotency-Key', explanation: 'An `Idempotency-Key` header must be 1 to 255 visible ASCII characters.' },
  UNAUTHENTICATED: { status: 401, title: 'Unauthenticated', explanation: 'Send a valid, unrevoked API key as `Authorization: Bearer <key>`.' },
  FORBIDDEN: { status: 403, title: 'Forbidden', explanation: 'Your key may see this resource but its role does not allow this change (for example a reader writing, or an issuer approving a badge class).' },
  NOT_FOUND: { status: 404, title: 'Not found', explanation: 'No such resource, or one your key may not see: another city\'s or another organisation\'s resources answer 404, never 403.' },
  NO_ROUTE: { status: 404, title: 'No such route', explanation: 'No operation answers this path. See /docs for every path.' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed', explanation: 'The path exists but not with this method; the `Allow` header lists the methods it answers.' },
  NOT_ACCEPTABLE: { status: 406, title: 'Not acceptable', explanation: 'The resource cannot be served in any media type the `Accept` header admits (the management API answers JSON only).' },
  REQUEST_TIMEOUT: { status: 408, title: 'Request timeout', explanation: 'The client did not send the whole request in time; the connection is closed.' },
  CONFLICT: { status: 409, title: 'Conflict', explanation: 'The request conflicts with the current state, for example a slug or code that already exists.' },
  INVALID_STATE: { status: 409, title: 'Invalid state', explanation: 'The action is not allowed in the resource\'s current state (awarding a draft badge class, approving twice, ...).' },
  IDEMPOTENCY_IN_FLIGHT: { status: 409, title: 'Idempotent request in flight', explanation: 'Another request with the same `Idempotency-Key` is running right now. Retry after the `Retry-After` seconds: you then get its result.' },
  OB_API: { status: 400, title: 'Open Badges API error', explanation: 'An error of the OB 3.0 REST API under /ims/ob/v3p0. That API answers it as the specification\'s Imsx_StatusInfo (its HTTP status and `imsx_codeMinor` say what went wrong: invalid_data, forbidden, not_found, ...), not as problem+json.' },
  GONE: { status: 410, title: 'Gone', explanation: 'The resource existed and is gone for good: a revoked or erased credential, a closed claim code, an expired link.' },
  TOO_LARGE: { status: 413, title: 'Content too large', explanation: 'The body, a file part or an imported document exceeds its documented limit.' },
  URI_TOO_LONG: { status: 414, title: 'URI too long', explanation: 'A path parameter is longer than 200 characters.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type', explanation: 'The body\'s `Content-Type` is not one this operation accepts (most take application/json only; see its documented content types).' },
  INVALID_INPUT: { status: 422, title: 'Invalid input', explanation: 'The body is well formed but breaks a rule (an invalid email, an unknown spine element, a date in the future). `errors` names the fields.' },
  INVALID_LANGUAGE_TAG: { status: 422, title: 'Invalid language tag', explanation: 'A language tag (a key of a `{ "en": …, "cy": … }` map of texts, or a `language`) is not a well-formed BCP 47 tag, names no known language, or repeats a language. `errors` names the field. Use tags such as `en`, `cy`, `en-GB`.' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency-Key reused', explanation: 'This `Idempotency-Key` was already used by you with a different request (method, path or body). Use a new key for a new request.' },
  RATE_LIMITED: { status: 429, title: 'Rate limited', explanation: 'Too many requests from this key (or address) this minute. Retry after the `Retry-After` seconds.' },
  HEADERS_TOO_LARGE: { status: 431, title: 'Request headers too large', explanation: 'The request headers together exceed the server\'s limit.' },
  INTERNAL: { status: 500, title: 'Internal error', explanation: 'An unexpected error: it is logged with the `requestId` of this answer. Nothing was changed unless the answer says so.' },
  UNAVAILABLE: { status: 503, title: 'Service unavailable', explanation: 'A dependency (the database) is unavailable for a moment. Nothing was changed; retry after the `Retry-After` seconds, with the same `Idempotency-Key`.' },
})

/** The generic code for a status when an error carries none of ours. */
export const CODE_FOR_STATUS: Readonly<Record<number, string>> = Object.freeze({
  400: 'BAD_REQUEST', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED', 406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT', 409: 'CONFLICT', 413: 'TOO_LARGE', 414: 'URI_TOO_LONG', 415: 'UNSUPPORTED_MEDIA_TYPE', 422: 'INVALID_INPUT',
  429: 'RATE_LIMITED', 431: 'HEADERS_TOO_LARGE', 500: 'INTERNAL', 503: 'UNAVAILABLE',
})

export const problemSlug = (code: string): string => code.toLowerCase().replace(/[^a-z0-9]+/g, '-')
const BY_SLUG = new Map(Object.keys(PROBLEM_TYPES).map((c) => [problemSlug(c), c]))
export const codeForSlug = (slug: string): string | undefined => BY_SLUG.get(slug)
