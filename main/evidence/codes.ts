/**
 * The team's code book: codes with descriptions, renamed in place (every quote shows the new
 * name, since quotes hold code ids), and merged when two turn out to mean the same thing.
 */
import { sql } from 'kysely';
import type { Code, CodeUsage } from '../../shared/domain/quotes';
import { AppError } from '../../shared/errors';
import type { PatchOf } from '../db/recordSpec';
import { inWriteTransaction, recordStore, type Trx } from '../core/recordStore';
import type { ServiceContext } from '../core/context';
import { evidenceCodes, evidenceQuotes } from './records';

const codes = recordStore(evidenceCodes);
const quotes = recordStore(evidenceQuotes);

async function checkNameFree(trx: Trx, name: string, exceptId?: string): Promise<void> {
  let q = trx.selectFrom('evidenceCodes').select('id').where(sql<boolean>`lower(name) = lower(${name})`).where('deletedAt', 'is', null);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) {
    throw new AppError('CONFLICT', `There is already a code called "${name}". Use it, or merge the two codes.`, { name: 'Choose a name no other code has' });
  }
}

export async function listCodes(ctx: ServiceContext): Promise<CodeUsage[]> {
  const rows = await sql<Code & { quotes: number; citizenQuotes: number }>`
    SELECT c.id, c.rev, c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.deleted_at AS "deletedAt", c.name, c.description,
      (SELECT count(*) FROM evidence_quotes q JOIN evidence_items e ON e.id = q.evidence_id AND e.deleted_at IS NULL, json_each(q.code_ids) j
        WHERE q.deleted_at IS NULL AND j.value = c.id) AS quotes,
      (SELECT count(*) FROM evidence_quotes q JOIN evidence_items e ON e.id = q.evidence_id AND e.deleted_at IS NULL, json_each(q.code_ids) j
        WHERE q.deleted_at IS NULL AND q.citizen_perspective = 1 AND j.value = c.id) AS "citizenQuotes"
    FROM evidence_codes c WHERE c.deleted_at IS NULL ORDER BY lower(c.name)`.execute(ctx.db);
  return rows.rows;
}

export async function addCode(ctx: ServiceContext, input: { name: string; description: string | null }): Promise<Code> {
  return inWriteTransaction(ctx, async (trx, w) => {
    await checkNameFree(trx, input.name);
    return (await codes.insertIn(trx, w, input)) as Code;
  });
}

/** Renames or re-describes a code; quotes refer to it by id, so they all follow. */
export async function updateCode(ctx: ServiceContext, input: { id: string; rev: string; patch: PatchOf<typeof evidenceCodes> }): Promise<Code> {
  return inWriteTransaction(ctx, async (trx, w) => {
    if (input.patch.name) await checkNameFree(trx, input.patch.name, input.id);
    return (await codes.updateIn(trx, w, input)) as Code;
  });
}

export async function deleteCode(ctx: ServiceContext, input: { id: string; rev: string }): Promise<Code> {
  return (await codes.remove(ctx, input)) as Code;
}

/**
 * Merges `fromId` into `intoId` in one transaction: each quote coded `from` is coded `into`
 * instead (a new revision of the quote, in its history), then `from` goes to the recycle bin. Its
 * description is kept on `into` when `into` has none.
 */
export async function mergeCodes(ctx: ServiceContext, input: { fromId: string; intoId: string }): Promise<{ into: Code; quotes: number }> {
  if (input.fromId === input.intoId) throw new AppError('INVALID_INPUT', 'Choose two different codes to merge.');
  return inWriteTransaction(ctx, async (trx, w) => {
    const from = (await codes.get(trx, input.fromId)) as Code;
    let into = (await codes.get(trx, input.intoId)) as Code;
    const affected = await trx
      .selectFrom('evidenceQuotes as q')
      .select(['q.id', 'q.rev', 'q.codeIds'])
      .where((eb) => eb.exists(eb.selectFrom(eb.fn<{ value: string }>('json_each', ['q.codeIds']).as('j')).select('j.value').where('j.value', '=', from.id)))
      .execute();
    for (const q of affected) {
      const ids = (JSON.parse(q.codeIds) as string[]).map((id) => (id === from.id ? into.id : id));
      await quotes.updateIn(trx, w, { id: q.id, rev: q.rev, patch: { codeIds: [...new Set(ids)] } });
    }
    if (!into.description && from.description) into = (await codes.updateIn(trx, w, { id: into.id, rev: into.rev, patch: { description: from.description } })) as Code;
    await codes.removeIn(trx, w, from);
    return { into, quotes: affected.length };
  });
}
