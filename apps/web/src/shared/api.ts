/**
 * The console's API access: contracts' typed ApiClient on the same origin (the session cookie set at sign-in
 * authenticates), in the language the user reads. A refusal becomes an ApiFailure carrying the server's message.
 */
import { ApiClient, type ApiRoutes, type CallInput, type ResponseOf, type RouteName } from '@liandong/contracts';
import i18n from '../i18n.ts';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** An import refused: each bad row and column. */
    readonly problems?: { row: number; field: string; message: string }[],
  ) {
    super(message);
  }
}

export async function call<N extends RouteName>(name: N, input?: CallInput<ApiRoutes[N]>): Promise<ResponseOf<ApiRoutes[N]>> {
  const client = new ApiClient({ base: '', lang: i18n.language === 'en' ? 'en' : 'zh-CN' });
  let r;
  try {
    r = await (client.call as (n: N, i?: unknown) => ReturnType<ApiClient['call']>)(name, input);
  } catch {
    throw new ApiFailure(0, 'network', i18n.t('error.network'));
  }
  if (r.ok) return r.data as ResponseOf<ApiRoutes[N]>;
  throw new ApiFailure(r.status, r.error?.code ?? 'unknown', r.error?.message ?? i18n.t('error.unknown'), r.error?.field, r.error?.problems);
}
