import { SCOPE_WORDS, type ObScope } from '../../domain/oauth/scopes.js'
import { esc, linker, renderPage, type Page } from './layout.js'

// The two pages of the OAuth interaction (issue #13): sign in with the learner token the city's app gives, then
// consent (the client's name, where it comes from, each scope in plain words; Allow or Deny). Plain forms: no script,
// the site-wide strict CSP (styles by hash, forms to our own origin only).

export interface ConsentView {
  uid: string
  clientName: string
  clientHost?: string | undefined
  scopes: ObScope[]
  cityName: string
}

export function renderLoginPage (opts: { publicUrl: string; uid: string; clientName: string; error?: string | undefined }): Page {
  const l = linker(opts.publicUrl)
  const main = `<h1>Sign in to share your badges</h1>
<p><strong>${esc(opts.clientName)}</strong> wants to reach your badges. Sign in through your city's app first: it gives you a one-time sign-in code.</p>
${opts.error ? `<div class="status revoked" role="alert"><p>${esc(opts.error)}</p></div>` : ''}
<form class="panel" method="post" action="/oauth/interaction/${esc(opts.uid)}/login">
<label for="learner_token">Sign-in code from your city's app</label>
<p class="hint" id="learner_token_hint">It starts with <code>cblt_</code>. Your app may fill this in for you.</p>
<input type="text" id="learner_token" name="learner_token" autocomplete="off" spellcheck="false" required aria-describedby="learner_token_hint">
<div class="actions"><button type="submit">Continue</button></div>
</form>
<form method="post" action="/oauth/interaction/${esc(opts.uid)}/abort"><div class="actions"><button type="submit" class="button quiet">Cancel and go back</button></div></form>`
  return renderPage(l, { title: `Sign in – ${opts.clientName}`, main })
}

export function renderConsentPage (v: ConsentView, opts: { publicUrl: string }): Page {
  const l = linker(opts.publicUrl)
  const main = `<h1>Allow ${esc(v.clientName)} to use your badges?</h1>
<p class="kicker">Signed in through ${esc(v.cityName)}.${v.clientHost ? ` The app is at <strong>${esc(v.clientHost)}</strong>.` : ''}</p>
<section class="panel" aria-labelledby="asks">
<h2 id="asks">${esc(v.clientName)} asks to</h2>
<ul class="plain">${v.scopes.map((s) => `<li>${esc(SCOPE_WORDS[s])}</li>`).join('')}</ul>
<p class="hint">You can stop this at any time: the app's access ends when it is revoked, and it never sees your email address or other identifiers.</p>
</section>
<div class="actions">
<form method="post" action="/oauth/interaction/${esc(v.uid)}/confirm"><button type="submit">Allow</button></form>
<form method="post" action="/oauth/interaction/${esc(v.uid)}/abort"><button type="submit" class="button quiet">Deny</button></form>
</div>`
  return renderPage(l, { title: `Allow ${v.clientName}?`, main })
}

export function renderInteractionProblemPage (opts: { publicUrl: string; title: string; message: string }): Page {
  const l = linker(opts.publicUrl)
  return renderPage(l, { title: opts.title, main: `<h1>${esc(opts.title)}</h1><p>${esc(opts.message)}</p>` })
}
