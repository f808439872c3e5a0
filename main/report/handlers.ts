import type { reportContract } from '../../shared/contract/report';
import type { Handlers } from '../core/handlers';
import { listNarratives, saveNarrative } from './narratives';
import { generateReport, openGenerated, reportMarkingFloor, reportSections } from './service';
import { listVersions, versionFiles } from './versions';

export const reportHandlers: Handlers<typeof reportContract> = {
  'report.sections': (ctx) => reportSections(ctx),
  'report.markingFloor': (ctx, i) => reportMarkingFloor(ctx, i),
  'report.generate': (ctx, i) => generateReport(ctx, i),
  'report.open': (ctx, i) => openGenerated(ctx, i.urlPath),
  'report.versions': (ctx) => listVersions(ctx),
  'report.versionFiles': async (ctx, i) => {
    const r = await versionFiles(ctx, i.id);
    return { version: r.version, files: r.files.map((f) => ({ name: f.name, urlPath: f.urlPath, path: f.path, format: f.format })) };
  },
  'narrative.list': (ctx) => listNarratives(ctx),
  'narrative.save': (ctx, i) => saveNarrative(ctx, i),
};
