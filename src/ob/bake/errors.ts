/** Why a baking or extraction operation refused its input. */
export type BakeErrorCode =
  | 'not_png'
  | 'truncated'
  | 'bad_crc'
  | 'bad_chunk'
  | 'bad_structure'
  | 'bad_text'
  | 'too_large'
  | 'not_svg'
  | 'bad_argument'

/**
 * Typed error of `src/ob/bake/` (OB 2.0 Baking §PNG/SVG, OB 3.0 §5.3 Baked Badge): the input image or the
 * text to bake is malformed. `code` is stable and machine-readable; `message` is for humans.
 */
export class BakeError extends Error {
  override readonly name = 'BakeError'
  constructor(
    readonly code: BakeErrorCode,
    message: string,
  ) {
    super(message)
  }
}
