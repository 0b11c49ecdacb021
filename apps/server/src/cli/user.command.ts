import { openDatabase } from '@liandong/db';
import { addUser } from '@liandong/core/org/add-user.ts';
import { createApiToken } from '@liandong/core/auth/authenticate.ts';
import { listApiTokens, revokeApiToken } from '@liandong/core/auth/api-tokens.repository.ts';
import { findUserByUsername, getUnitByCode } from '@liandong/core/org/org.repository.ts';
import { isRole, type Role } from '@liandong/core/org/roles.ts';
import type { Config } from '../config.ts';
import { list } from './args.ts';

async function unitIdOf(db: Awaited<ReturnType<typeof openDatabase>>, code: string): Promise<number> {
  const unit = await getUnitByCode(db, code);
  if (!unit) throw new Error(`unit ${code} not found / 单位 ${code} 不存在`);
  return unit.id;
}

export async function userCommand(config: Config, rest: string[], flags: Record<string, string>): Promise<number> {
  if (rest[0] !== 'add') {
    console.error('Usage: liandong user add --username U --name N --role R[,R] [--unit CODE] [--area CODE,..] [--scope-unit CODE,..] --password P');
    return 1;
  }
  const missing = ['username', 'name', 'role', 'password'].filter((f) => !flags[f]);
  if (missing.length) {
    console.error(`Missing 缺少参数: ${missing.map((m) => `--${m}`).join(' ')}`);
    return 1;
  }
  const roles = list(flags.role);
  const bad = roles.find((r) => !isRole(r));
  if (bad) {
    console.error(`Unknown role 未知角色: ${bad}`);
    return 1;
  }
  const db = await openDatabase({ ...config, brief: true });
  try {
    const unitId = flags.unit ? await unitIdOf(db, flags.unit) : null;
    const scopeUnits = await Promise.all(list(flags['scope-unit']).map((c) => unitIdOf(db, c)));
    const id = await db.transaction((tx) =>
      addUser(tx, {
        username: flags.username!,
        displayName: flags.name!,
        password: flags.password!,
        phone: flags.phone ?? null,
        unitId,
        roles: roles as Role[],
        scope: { unitIds: scopeUnits.length ? scopeUnits : unitId ? [unitId] : [], areaCodes: list(flags.area) },
      }),
    );
    console.log(`User added 已添加用户 ${flags.username} (id ${id})`);
    return 0;
  } finally {
    await db.close();
  }
}

export async function tokenCommand(config: Config, rest: string[], flags: Record<string, string>): Promise<number> {
  const usage = 'Usage: liandong token add --user USERNAME --name NAME | token list [--user USERNAME] | token revoke ID|NAME';
  const sub = rest[0];
  if (!(sub === 'add' && flags.user && flags.name) && sub !== 'list' && !(sub === 'revoke' && rest[1])) {
    console.error(usage);
    return 1;
  }
  const db = await openDatabase({ ...config, brief: true });
  try {
    if (sub === 'list') {
      for (const t of await listApiTokens(db, { username: flags.user })) {
        const state = t.revokedAt ? `revoked 已吊销 ${t.revokedAt.toISOString()}` : 'active 有效';
        console.log(`${t.id}\t${t.name}\t${t.username}\t${t.createdAt.toISOString()}\t${state}`);
      }
      return 0;
    }
    if (sub === 'revoke') {
      const revoked = await revokeApiToken(db, rest[1]!, new Date());
      if (!revoked.length) {
        console.error(`No active token ${rest[1]} / 没有该有效令牌`);
        return 1;
      }
      for (const t of revoked) console.log(`Token revoked 已吊销令牌 ${t.id} (${t.name}, ${t.username})`);
      return 0;
    }
    const user = await findUserByUsername(db, flags.user!);
    if (!user) throw new Error(`user ${flags.user} not found / 用户不存在`);
    const token = await createApiToken(db, { name: flags.name!, userId: user.id });
    console.log(token);
    return 0;
  } finally {
    await db.close();
  }
}
