// A profile for every role (`sso-tray populate`, Settings → Profiles): one `sso_session`
// profile per account and role of a session, written into the config file in one atomic edit.
// The parts: the names (./populate-names.ts: template, safe names, disambiguation), the plan
// (./populate-plan.ts: what to add, change, leave and prune, from the file and the record of
// written profiles) and, here, reading the file for a preview and carrying the plan out under
// the file's lock. Nothing new to write leaves the config file and the record byte-identical.

import { readFile } from 'node:fs/promises';
import { awsPaths } from '../aws-paths';
import { SsoTrayError } from '../errors';
import { existingFileMode } from '../files/file-io';
import { editIniFile } from '../files/ini-file';
import { parseIniText } from '../files/ini-parse';
import { assertReadableByAwsTools } from '../files/ini-verify';
import { ensureSsoSession } from '../sso/sso-session-writer';
import {
  computePopulate,
  type PopulateArgs,
  type PopulateChanges,
  type PopulatePlan,
} from './populate-plan';
import { readWrittenProfiles, recordWrites, writtenProfilesPath } from './written-profiles';

export {
  DEFAULT_TEMPLATE,
  templateProblem,
  checkTemplate,
  renderTemplate,
  populateRoles,
  profileNames,
  type PopulateRole,
} from './populate-names';
export type { PopulateArgs, PopulateItem, PopulatePlan } from './populate-plan';

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SsoTrayError('FILE', `${file} could not be read.`, { cause: e });
  }
}

/** What populateProfiles would do now, without writing anything (--dry-run, the preview). */
export async function planPopulate(a: PopulateArgs): Promise<PopulatePlan> {
  const file = awsPaths(a.env).configFile;
  const parsed = parseIniText((await readText(file)) ?? '');
  assertReadableByAwsTools(parsed, file);
  const record = await readWrittenProfiles(a.recordPath ?? writtenProfilesPath(a.env));
  return computePopulate(parsed, record, file, a).plan;
}

/**
 * Writes (and with `prune`, removes) the profiles of every role in one locked, checked, atomic
 * edit of the config file, then records them in one replace of the record. Returns what it did.
 */
export async function populateProfiles(a: PopulateArgs): Promise<PopulatePlan> {
  const file = awsPaths(a.env).configFile;
  const recordPath = a.recordPath ?? writtenProfilesPath(a.env);
  let result: PopulateChanges | undefined;
  await editIniFile(
    file,
    async (ini) => {
      // read while the file is locked: every write that reached the file is recorded by now
      const record = await readWrittenProfiles(recordPath);
      const c = computePopulate(ini.parsed, record, file, a);
      result = c;
      if (c.plan.add.length + c.plan.change.length > 0) ensureSsoSession(ini, a.session);
      ini.editSections(c.edits);
    },
    {
      mode: await existingFileMode(file),
      beforeReplace: async () => {
        if (result) await recordWrites(recordPath, result.written, result.forget);
      },
    },
  );
  if (result === undefined) throw new Error('populate: the edit did not run');
  // sections already gone leave the file as it is: their entries are forgotten all the same
  if (result.edits.length === 0 && result.forget.length > 0) {
    await recordWrites(recordPath, [], result.forget);
  }
  return result.plan;
}
