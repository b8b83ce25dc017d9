import MarkdownIt from 'markdown-it'

// Descriptions are Markdown written by providers (or imported from feeds): rendered with raw HTML off, so any tag in
// the source comes out escaped; markdown-it's link validation refuses javascript:, vbscript:, file: and data: links.
const md = new MarkdownIt({ html: false, linkify: false, typographer: false })

export const renderMarkdown = (text: string): string => md.render(text)

/** Text for an HTML page: every markup character escaped. */
export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
