// Import cycles, found with madge (type-only imports count: a cycle of types still ties two
// modules' shapes together). Used by scripts/check-architecture.mjs and its unit test.
import madge from 'madge';

/** Every import cycle among the files under `dirs`, each as the list of files around it. */
export async function importCycles(root, dirs, tsConfig) {
  const result = await madge(dirs, {
    baseDir: root,
    fileExtensions: ['ts', 'tsx', 'mjs'],
    tsConfig,
    detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
  });
  return result.circular();
}
