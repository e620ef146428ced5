// Where the third-party corpus lives, and whether it is there.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The corpus folder: $TWINBENCH_CORPUS or ../shared/corpus next to the project. */
export const corpusDir = process.env.TWINBENCH_CORPUS ?? path.resolve(projectRoot, '../shared/corpus');

/** True when the corpus folder exists. */
export const corpusAvailable = existsSync(path.join(corpusDir, 'README.md'));

if (!corpusAvailable) console.warn(`[dtdl tests] corpus not found at ${corpusDir}; corpus-dependent tests are skipped (set TWINBENCH_CORPUS).`);
