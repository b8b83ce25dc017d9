/** Why an image (badge image upload, data URI, remote image) was refused. */
export type ImageErrorCode =
  | 'too_large'
  | 'unsupported_type'
  | 'type_mismatch'
  | 'bad_data_uri'
  | 'not_utf8'
  | 'invalid_xml'
  | 'doctype'
  | 'not_svg'
  | 'bad_dimension'
  | 'dimension_too_large'
  | 'too_complex'
  | 'bad_png'

/**
 * Typed error of `src/ob/image/` (badge images: OB 2.0 §Image, OB 3.0 §B.1.9 Image). `code` is stable and
 * machine-readable; `message` says what to fix.
 */
export class ImageError extends Error {
  override readonly name = 'ImageError'
  constructor(
    readonly code: ImageErrorCode,
    message: string,
  ) {
    super(message)
  }
}
