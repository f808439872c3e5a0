import type { baselineContract } from '../../shared/contract/baseline';
import type { Handlers } from '../core/handlers';
import { baselineFiles, baselinePlace, deleteBaselineFile, importBaseline, previewBaseline, setBaselinePlace } from './service';
import { baselineView } from './view';

export const baselineHandlers: Handlers<typeof baselineContract> = {
  'baseline.preview': (ctx, i) => previewBaseline(ctx, i),
  'baseline.import': (ctx, i) => importBaseline(ctx, i),
  'baseline.files': (ctx) => baselineFiles(ctx),
  'baseline.deleteFile': (ctx, i) => deleteBaselineFile(ctx, i.id),
  'baseline.place': (ctx) => baselinePlace(ctx),
  'baseline.setPlace': (ctx, i) => setBaselinePlace(ctx, i),
  'baseline.view': (ctx, i) => baselineView(ctx, i),
};
