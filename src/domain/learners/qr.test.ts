import jsQRModule from 'jsqr'
import { describe, expect, it } from 'vitest'
import { qrSvg } from './qr.js'

// jsqr is CommonJS with `exports.default`: under nodenext its default import is the module object.
type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null
const jsQR: JsQr = (jsQRModule as unknown as { default?: JsQr }).default ?? (jsQRModule as unknown as JsQr)

/** Rasterises qrcode's SVG (horizontal strokes of one module, `M x y.5 hN m dx dy …`) and decodes it with jsQR. */
function decode (svg: string): string | undefined {
  const size = Number(/viewBox="0 0 (\d+) (\d+)"/.exec(svg)?.[1])
  const d = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1] ?? ''
  const dark = new Set<string>()
  let x = 0
  let y = 0
  for (const [, cmd, a, b] of d.matchAll(/([MmHh])(-?[\d.]+)(?:[ ,](-?[\d.]+))?/g)) {
    if (cmd === 'M') { x = Number(a); y = Number(b) }
    else if (cmd === 'm') { x += Number(a); y += Number(b) }
    else {
      const n = Number(a)
      for (let i = 0; i < n; i++) dark.add(`${x + i},${Math.floor(y)}`)
      x += n
    }
  }
  const scale = 4
  const w = size * scale
  const px = new Uint8ClampedArray(w * w * 4)
  for (let py = 0; py < w; py++) {
    for (let pxl = 0; pxl < w; pxl++) {
      const v = dark.has(`${Math.floor(pxl / scale)},${Math.floor(py / scale)}`) ? 0 : 255
      px.set([v, v, v, 255], (py * w + pxl) * 4)
    }
  }
  return jsQR(px, w, w)?.data
}

describe('qrSvg', () => {
  it('encodes the claim link, decodable by an independent QR reader', async () => {
    const url = 'https://badges.example/v1/cities/demo/claim-codes/K7QW-93FD/redeem'
    const svg = await qrSvg(url, 'QR code for claim code K7QW-93FD')
    expect(svg.startsWith('<svg ')).toBe(true)
    expect(svg).toContain('role="img"')
    expect(svg).toContain('<title>QR code for claim code K7QW-93FD</title>')
    expect(svg).not.toMatch(/<script|href=/i)
    expect(decode(svg)).toBe(url)
  })

  it('a different text gives a different, equally decodable code; labels are escaped', async () => {
    const svg = await qrSvg('CODE-2', 'a <b> & "c"')
    expect(decode(svg)).toBe('CODE-2')
    expect(svg).toContain('<title>a &lt;b&gt; &amp; &quot;c&quot;</title>')
  })
})
