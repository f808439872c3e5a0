import path from 'node:path';
import { formatPounds } from '../../shared/calc/spendMoney';
import { BaselinePathImportInput } from '../../shared/domain/baseline';
import { fromZodError } from '../../shared/errors';
import { str, UsageError, type Verb } from '../cli/io';
import { importBaseline } from './service';

const baselineImportVerb: Verb = {
  words: ['baseline', 'import'],
  usage: 'tpw baseline import <file> --region <name> [--share <fraction>] [--unit pounds|thousands|millions|billions] [--json]',
  summary: "Import the place's region from HM Treasury's Country and Regional Analysis as the top-down baseline; --share scales it to the place",
  options: { region: { type: 'string' }, share: { type: 'string' }, unit: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const [file, ...extra] = args.positionals;
    if (!file) throw new UsageError('Give the Country and Regional Analysis workbook to import');
    if (extra.length) throw new UsageError(`Import one file at a time (also given: ${extra.join(' ')})`);
    const shareText = str(args, 'share');
    const share = shareText === undefined ? null : Number(shareText);
    if (shareText !== undefined && !Number.isFinite(share)) throw new UsageError(`--share takes a fraction such as 0.0153 (given "${shareText}")`);
    const parsed = BaselinePathImportInput.safeParse({ region: str(args, 'region', true), share, unit: str(args, 'unit') ?? null });
    if (!parsed.success) throw fromZodError(parsed.error);
    const filePath = path.resolve(file);
    const r = await importBaseline(wb!.ctx, { ...parsed.data, file: { path: filePath, name: path.basename(filePath) } });
    return {
      json: { region: r.region, rows: r.rows, years: r.years, unit: r.unit, sheet: r.sheet, fileId: r.fileId },
      text:
        `Imported the baseline for ${r.region}: ${r.rows.toLocaleString('en-GB')} rows from ${r.fileName} (sheet "${r.sheet}", figures in ${r.unit}).\n` +
        Object.entries(r.years)
          .map(([y, p]) => `  ${y}  ${formatPounds(p)}`)
          .join('\n') +
        (parsed.data.share ? `\nThe place's share of the region: ${parsed.data.share}.` : ''),
    };
  },
};

/** `tpw` verbs of the baseline capability. */
export const baselineVerbs: Verb[] = [baselineImportVerb];
