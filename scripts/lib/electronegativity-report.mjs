// Turns electronegativity's result (its programmatic run() output) into checked findings and
// decides which of them fail the scan. Pure functions: scripts/security-scan.mjs does the I/O,
// tests/unit/security-scan.test.ts covers the rest.

/** electronegativity's own scale (finder/attributes.js). */
export const SEVERITY = Object.freeze({ INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 });
export const CONFIDENCE = Object.freeze({ TENTATIVE: 0, FIRM: 1, CERTAIN: 2 });

/** A result that does not have the shape we expect. The scan stops on it rather than guessing. */
export class ReportError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ReportError';
  }
}

const isNonNegativeInt = (v) => Number.isInteger(v) && v >= 0;
// electronegativity gives severity/confidence as { value, name }; accept a bare name too.
const levelName = (v) => (v !== null && typeof v === 'object' ? v.name : v);
const show = (v) => (v === undefined ? 'undefined' : JSON.stringify(v));

function rowLabel(raw, index) {
  const id = typeof raw?.id === 'string' ? raw.id : '?';
  const file = typeof raw?.file === 'string' ? raw.file : '?';
  const loc = raw?.location ? `:${raw.location.line}:${raw.location.column}` : '';
  return `finding #${index + 1} (${id} ${file}${loc})`;
}

/**
 * Validates every issue electronegativity returned and normalises it to
 * { check, severity, confidence, file, line, column, sample, description }.
 * Throws one ReportError naming every bad row; never defaults a missing or unknown field.
 */
export function toFindings(issues) {
  if (!Array.isArray(issues)) throw new ReportError(`electronegativity returned ${show(issues)} instead of a list of issues`);
  const problems = [];
  const findings = [];
  issues.forEach((raw, index) => {
    const errs = [];
    if (raw === null || typeof raw !== 'object') {
      problems.push(`${rowLabel(raw, index)}: not an object (${show(raw)})`);
      return;
    }
    const check = raw.id;
    if (typeof check !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(check)) errs.push(`check id ${show(check)} is not an electronegativity check name`);
    const severity = levelName(raw.severity);
    if (typeof severity !== 'string' || !Object.hasOwn(SEVERITY, severity)) errs.push(`unknown severity ${show(severity)} (expected one of ${Object.keys(SEVERITY).join(', ')})`);
    const confidence = levelName(raw.confidence);
    if (typeof confidence !== 'string' || !Object.hasOwn(CONFIDENCE, confidence)) errs.push(`unknown confidence ${show(confidence)} (expected one of ${Object.keys(CONFIDENCE).join(', ')})`);
    if (typeof raw.file !== 'string' || raw.file === '') errs.push(`file ${show(raw.file)} is not a path`);
    const line = raw.location?.line;
    const column = raw.location?.column;
    if (!isNonNegativeInt(line) || !isNonNegativeInt(column)) errs.push(`location ${show(raw.location)} is not { line, column }`);
    if (raw.sample != null && typeof raw.sample !== 'string') errs.push(`sample ${show(raw.sample)} is not text`);
    if (typeof raw.description !== 'string') errs.push(`description ${show(raw.description)} is not text`);
    if (errs.length > 0) {
      problems.push(`${rowLabel(raw, index)}: ${errs.join('; ')}`);
      return;
    }
    findings.push({ check, severity, confidence, file: raw.file, line, column, sample: raw.sample ?? null, description: raw.description });
  });
  if (problems.length > 0) throw new ReportError(`electronegativity's result has ${problems.length} malformed finding(s):\n  ${problems.join('\n  ')}`);
  return findings;
}

/** Files electronegativity could not parse were not scanned at all, so they fail the scan too. */
export function parseFailures(errors) {
  if (errors === undefined) return [];
  if (!Array.isArray(errors)) throw new ReportError(`electronegativity returned errors=${show(errors)} instead of a list`);
  return errors.filter((e) => !e?.tolerable).map((e) => `electronegativity could not parse ${e?.file ?? '?'}: ${e?.message ?? show(e)}`);
}

const SHELL_DIR = 'main/electron/';
const basename = (p) => p.slice(p.lastIndexOf('/') + 1);
const posix = (p) => p.replaceAll('\\', '/');

/**
 * A review names a file under main/electron/; it still applies when the file moves within
 * main/electron/ (same file name), but not to a file of that name anywhere else.
 */
export function sameShellFile(findingFile, reviewedFile) {
  const a = posix(findingFile);
  const b = posix(reviewedFile);
  if (a === b || a.endsWith(`/${b}`)) return true;
  return b.startsWith(SHELL_DIR) && a.startsWith(SHELL_DIR) && basename(a) === basename(b);
}

/**
 * status: 'note' below MEDIUM, 'reviewed' for a recorded review, 'fail' otherwise.
 */
export function classifyFindings(findings, reviewed) {
  return findings.map((f) => {
    if (SEVERITY[f.severity] < SEVERITY.MEDIUM) return { ...f, status: 'note', review: null };
    const review = reviewed.find((r) => r.check === f.check && sameShellFile(f.file, r.file)) ?? null;
    return { ...f, status: review ? 'reviewed' : 'fail', review };
  });
}
