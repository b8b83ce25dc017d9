/** 1EdTech CASE 1.1 JSON import and export of a city's spine. */
export * from './case-types.js'
export { exportCase, standaloneCaseDocument, type CaseExportInput } from './case-export.js'
export {
  parseCase,
  foreignCode,
  DEFAULT_CASE_MAX_ITEMS,
  DEFAULT_CASE_MAX_ASSOCIATIONS,
  type CaseParseOptions,
  type CaseParseResult,
} from './case-parse.js'
export {
  SpineInputError,
  assertMaxBytes,
  decodeUtf8Strict,
  parseCaseBytes,
  DEFAULT_CASE_MAX_BYTES,
  type SpineInputErrorCode,
} from './case-bytes.js'
