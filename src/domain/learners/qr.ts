import QRCode from 'qrcode'

/**
 * A QR code as a small, self-contained SVG (for claim codes shown at a venue): error correction M, a 4-module quiet
 * zone, black on white, `role="img"` with a text alternative naming what it encodes. No scripts, no external refs.
 */
export async function qrSvg (text: string, label: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } })
  const title = label.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string)
  return svg.replace('<svg ', `<svg role="img" aria-label="${title}" `).replace(/>/, `><title>${title}</title>`).trim()
}
