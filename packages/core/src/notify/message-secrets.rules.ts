/**
 * Secrets inside message bodies. A callback link (回访链接) carries a token that lets whoever holds it rate the
 * result in the citizen's name; a sign-in code (登录验证码) lets whoever holds it sign in as the citizen. The
 * citizen's SMS needs them; staff reading the message log do not. Bodies are shown masked and stored masked once
 * the message is finished (sent, or failed for good) — with one exception: a sign-in code in a message no gateway
 * will send (status `stored`: the SMS channel is off, as on a fresh install) is shown, because the administrator
 * reading the log is then the only way it reaches the citizen (and it is worth nothing after five minutes).
 */
const LINK_TOKEN = /(\/(?:callbacks|rate)\/)(cb_[A-Za-z0-9_-]{4})[A-Za-z0-9_-]+/g;
/** The templates whose bodies carry a one-time code, and the code: six digits standing alone. */
const CODE_TEMPLATES: ReadonlySet<string> = new Set(['citizen.sign_in_code']);
const ONE_TIME_CODE = /(?<!\d)\d{6}(?!\d)/g;

export function maskSecrets(body: string, message?: { template: string; status?: string }): string {
  const masked = body.replace(LINK_TOKEN, '$1$2****');
  if (!message || !CODE_TEMPLATES.has(message.template) || message.status === 'stored') return masked;
  return masked.replace(ONE_TIME_CODE, '******');
}
