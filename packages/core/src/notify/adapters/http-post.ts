/** One JSON POST with a time limit, as the SMS gateway and the robot webhooks take it. */
export interface HttpAnswer {
  status: number;
  text: string;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<HttpAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: res.status, text: await res.text() };
}

/** A gateway's answer in an error message: enough to diagnose, never a whole HTML page. */
export function excerpt(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}
