import { uploadFile, CallError } from '../../api/client';

/** Sends files to the workbench one by one (each streams; none is read into memory here). */
export async function sendFiles(files: readonly File[], onProgress?: (done: number) => void): Promise<string[]> {
  const ids: string[] = [];
  for (const f of files) {
    const r = await uploadFile(f);
    if (!r.ok) throw new CallError(r.error.code, `${f.name}: ${r.error.message}`, r.error.fields);
    ids.push(r.value.uploadId);
    onProgress?.(ids.length);
  }
  return ids;
}
