// CSS found in an SVG badge (`<style>` element, `style` attribute, presentation attributes that take
// url()) may load remote resources or run code in old engines. Rather than parse CSS, we remove what can
// fetch or execute and refuse what we cannot reason about.

// Escapes (`\75 rl(`) can spell any keyword; legacy code hooks; CSS functions that take a bare string URL.
const REFUSED = /\\|javascript:|vbscript:|expression\s*\(|-moz-binding|behavior\s*:|image-set\s*\(|\bsrc\s*\(/i
const COMMENT = /\/\*[\s\S]*?(?:\*\/|$)/g
const IMPORT = /@import\b[^;]*(?:;|$)/gi
const URL_FN = /url\s*\(\s*(?:"([^"]*)"|'([^']*)'|([^"'()\s]*))\s*\)/gi
const SAME_DOCUMENT = /^#[^\s"'()\\]+$/

/**
 * Neutralises CSS from an SVG: comments are removed first (so `ur/**\/l(` cannot hide a token), every
 * `@import` is removed, each `url(…)` whose target is not a same-document `#fragment` becomes `none`.
 * Returns null when the CSS must be dropped whole: backslash escapes, `javascript:`, `expression(`,
 * `-moz-binding`, `behavior:`, `image-set(`, `src(` or an unterminated/unparsable `url(`.
 * Idempotent: sanitising the output again returns it unchanged.
 */
export function sanitiseCss(css: string): string | null {
  let out = css
  // Removing one can create the other (`/@import x;*` leaves `/*`): repeat until nothing changes.
  for (let previous = ''; previous !== out; ) {
    previous = out
    out = out.replace(COMMENT, '').replace(IMPORT, '')
  }
  if (REFUSED.test(out)) return null
  out = out.replace(URL_FN, (whole: string, dq?: string, sq?: string, bare?: string) =>
    SAME_DOCUMENT.test((dq ?? sq ?? bare ?? '').trim()) ? whole : 'none',
  )
  // Any url( the pattern did not match (unterminated, odd quoting) would still be a URL to a browser.
  if (/url\s*\(/i.test(out.replace(URL_FN, ''))) return null
  return out
}
