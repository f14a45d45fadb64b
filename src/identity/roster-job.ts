/**
 * A roster upload is read and validated in a worker thread (see runInWorker): the sheet and validateRoster are
 * pure CPU work over every row, so only their result — valid rows and row errors — reaches the event loop. The
 * units are passed as plain data and the unit rules rebuilt from them here.
 */
import { jobEventsOf, type ProgressReporter } from '../common/import-progress';
import * as path from 'node:path';
import type { ErrorDetail } from '../common/errors';
import { readKeyedSheet } from '../common/sheet';
import { checkUploadLimits, uploadLimits, type UploadLimits } from '../common/upload-limits';
import { runInWorker } from '../common/worker-pool';
import { RosterRow, validateRoster } from './roster';

export interface RosterUnit {
  id: number;
  name: string;
  path: string;
}

export type RosterRead =
  | { ok: true; columns: Record<string, string>; rows: RosterRow[]; errors: ErrorDetail[] }
  | { ok: false; message: string };

/** Worker side: the upload limits (413), the sheet, then validateRoster with the caller's units and scope. */
export async function readRosterJob(
  fileName: string,
  data: Buffer,
  limits: UploadLimits,
  units: RosterUnit[],
  scopeRoot: string | null,
): Promise<RosterRead> {
  await checkUploadLimits(fileName, data, limits);
  const parsed = await readKeyedSheet(fileName, data);
  if (!parsed.ok) return parsed;
  const byName = new Map<string, number[]>();
  for (const u of units) byName.set(u.name, [...(byName.get(u.name) ?? []), u.id]);
  const pathById = new Map(units.map((u) => [u.id, u.path]));
  const { rows, errors } = validateRoster(parsed.sheet, {
    byName: (name) => byName.get(name) ?? [],
    inScope: (id) => scopeRoot === null || (pathById.get(id) ?? '').startsWith(scopeRoot),
  });
  return { ok: true, columns: parsed.sheet.columns, rows, errors };
}

export function readRosterInWorker(
  fileName: string,
  data: Buffer,
  units: RosterUnit[],
  scopeRoot: string | null,
  progress?: ProgressReporter,
): Promise<RosterRead> {
  return runInWorker(
    path.join(__dirname, 'roster-job'),
    'readRosterJob',
    [fileName, data, uploadLimits(), units, scopeRoot],
    jobEventsOf(progress),
  );
}
