// Whitelist of the SVG sanitiser: static rendering elements and attributes of SVG 1.1 / SVG 2 that a
// badge image needs. Left out on purpose: script, foreignObject, a (unwrapped instead), animation
// (animate/set can rewrite href to javascript:), iframe/video/audio, font/glyph, cursor, view, switch,
// metadata (arbitrary foreign XML), and every event (`on*`) attribute.

const words = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/))

/** SVG elements (local names, SVG namespace) kept by the sanitiser. */
export const ALLOWED_ELEMENTS = words(`
  svg g defs symbol use title desc style
  path rect circle ellipse line polyline polygon
  text tspan textPath
  image
  linearGradient radialGradient stop pattern clipPath mask marker
  filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting
  feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur
  feImage feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile
  feTurbulence
`)

/** Elements whose children are removed but whose content is kept (a link's text should still render). */
export const UNWRAPPED_ELEMENTS = words('a')

/** Elements whose text content is kept (everything else keeps only element children). */
export const TEXT_ELEMENTS = words('text tspan textPath title desc style')

/** Elements that may carry an `href`/`xlink:href` to a local `#fragment`. */
export const FRAGMENT_HREF_ELEMENTS = words(
  'use textPath linearGradient radialGradient pattern filter image feImage',
)

/** Elements that may carry an embedded `data:image/(png|jpeg|gif);base64` raster as `href`. */
export const RASTER_HREF_ELEMENTS = words('image feImage')

/** Attributes without a namespace that are kept (in addition to `href`, checked separately). */
export const ALLOWED_ATTRIBUTES = words(`
  id class style lang
  width height x y viewBox preserveAspectRatio version baseProfile
  x1 y1 x2 y2 cx cy r rx ry fx fy fr d points pathLength transform
  gradientTransform gradientUnits spreadMethod offset
  patternUnits patternContentUnits patternTransform
  clipPathUnits maskUnits maskContentUnits
  markerWidth markerHeight markerUnits refX refY orient
  dx dy rotate textLength lengthAdjust startOffset method spacing side
  text-anchor font-family font-size font-size-adjust font-weight font-style font-variant font-stretch
  letter-spacing word-spacing text-decoration dominant-baseline alignment-baseline baseline-shift
  writing-mode direction unicode-bidi
  fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap stroke-linejoin
  stroke-miterlimit stroke-dasharray stroke-dashoffset opacity color display visibility overflow
  clip-path clip-rule mask filter marker-start marker-mid marker-end
  stop-color stop-opacity flood-color flood-opacity lighting-color
  color-interpolation color-interpolation-filters shape-rendering text-rendering image-rendering
  vector-effect paint-order mix-blend-mode isolation transform-origin transform-box
  filterUnits primitiveUnits in in2 result stdDeviation mode operator k1 k2 k3 k4 type values
  tableValues slope intercept amplitude exponent order kernelMatrix divisor bias targetX targetY
  edgeMode preserveAlpha kernelUnitLength surfaceScale diffuseConstant specularConstant
  specularExponent scale xChannelSelector yChannelSelector radius baseFrequency numOctaves seed
  stitchTiles azimuth elevation z pointsAtX pointsAtY pointsAtZ limitingConeAngle
  media
`)

/** `xml:` attributes kept (namespace http://www.w3.org/XML/1998/namespace). */
export const ALLOWED_XML_ATTRIBUTES = words('space lang')
